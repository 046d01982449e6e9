//! Microsoft Entra ID's AADSTS error codes and the names of its claims, read from its data
//! file (`src/idps/entra.json`): the codes a StatusMessage carries, explained whatever the
//! message's Issuer (an AADSTS code says Entra), and the claim names its portal shows.

use crate::idps::{self, Idp};

/// An AADSTS error code explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Aadsts {
    /// The number after `AADSTS`.
    pub code: u32,
    /// Entra's symbolic name.
    pub name: &'static str,
    /// What it means and what to change, in the portal's words.
    pub meaning: &'static str,
}

fn entra() -> Option<&'static Idp> {
    idps::find("entra")
}

/// Looks up an AADSTS code.
pub(crate) fn aadsts(code: u32) -> Option<Aadsts> {
    let found = entra()?.code(&format!("AADSTS{code}"))?;
    Some(Aadsts {
        code,
        name: found.name.unwrap_or_default(),
        meaning: found.meaning,
    })
}

/// Every `AADSTS<digits>` in `text`, in order, without duplicates.
pub(crate) fn aadsts_codes(text: &str) -> Vec<u32> {
    let mut codes = Vec::new();
    let mut rest = text;
    while let Some(pos) = rest.find("AADSTS") {
        let after = &rest[pos + 6..];
        let digits: String = after
            .chars()
            .take_while(char::is_ascii_digit)
            .take(9)
            .collect();
        if let Ok(code) = digits.parse::<u32>()
            && !codes.contains(&code)
        {
            codes.push(code);
        }
        rest = after;
    }
    codes
}

/// The name Entra's "Attributes & Claims" page shows for a well-known claim URI.
pub(crate) fn claim_friendly_name(uri: &str) -> Option<&'static str> {
    entra()?.claim_name(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_codes_in_status_messages() {
        let text =
            "AADSTS50105: Your administrator has configured … AADSTS50105 again, AADSTS7500529.";
        assert_eq!(aadsts_codes(text), [50105, 7_500_529]);
        assert!(aadsts(50105).is_some_and(|a| a.meaning.contains("not assigned")));
        assert_eq!(
            claim_friendly_name(
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
            ),
            Some("user.mail")
        );
    }
}

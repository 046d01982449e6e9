// Runs @node-saml/node-saml over the cases run.py writes (JSON lines on stdin) and prints its
// verdict on each (JSON lines on stdout): {"id", "verdict": "accepts"|"rejects", "error", "message"}.
//
//   node scripts/differential/runner.mjs < cases.jsonl
//
// Configured as an app configures it for the case (README.md): new SAML({callbackUrl, issuer,
// idpCert, decryptionPvk}) with every other option at its default, validatePostResponseAsync,
// and Date frozen at the case's `now` (@sinonjs/fake-timers, Date only).
import { createInterface } from "node:readline";
import FakeTimers from "@sinonjs/fake-timers";
import { SAML } from "@node-saml/node-saml";

// node-saml logs through `debug`, silent unless DEBUG is set.
async function run(c) {
  const options = {
    callbackUrl: c.acs,
    issuer: c.sp_entity_id,
    idpCert: c.certs,
  };
  if (c.sp_key) options.decryptionPvk = c.sp_key;
  let saml;
  try {
    saml = new SAML(options);
  } catch (err) {
    // The harness's configuration, not the message: no verdict.
    return { verdict: "error", error: "harness", message: `configuration: ${err.message}` };
  }
  const result = await saml.validatePostResponseAsync({ SAMLResponse: c.response });
  if (!result || !result.profile) {
    // Responder/NoPassive: no profile, no error; a LogoutResponse: loggedOut. No sign-in.
    return { verdict: "rejects", error: "no profile", message: JSON.stringify(result) };
  }
  return { verdict: "accepts" };
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const c = JSON.parse(line);
  const clock = FakeTimers.install({ now: new Date(c.now), toFake: ["Date"] });
  let result;
  try {
    result = await run(c);
  } catch (err) {
    result = {
      verdict: "rejects",
      error: err && err.constructor ? err.constructor.name : typeof err,
      message: String(err && err.message !== undefined ? err.message : err).slice(0, 4000),
    };
  } finally {
    clock.uninstall();
  }
  process.stdout.write(JSON.stringify({ id: c.id, ...result }) + "\n");
}

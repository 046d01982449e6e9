use samlscope_core::decode::decode;
#[test]
fn peek() {
    let bomb_like = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, [0x06u8, 1, 2, 3, 4, 5, 6, 7]);
    let stored = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, [0x00u8, 1, 2, 3, 4, 5, 6, 7]);
    for input in ["hello, world!", "#!/bin/sh", "a=b&c=d", "https://x.example/sso", "PHNh bWxw", "aGVsbG8=", &bomb_like, &stored, "-----BEGIN CERTIFICATE-----\nMIIB\n", "%41%42", "   \n"] {
        match decode(input.as_bytes()) {
            Ok(d) => println!("{input:?} => OK {:?} {:?}", d.layers, d.content),
            Err(e) => println!("{input:?} => {:?}: {}\n   tried={:?} layers={:?} span={:?}", e.kind, e.message, e.tried, e.layers, e.span.map(|s| s.slice(&e.text).to_owned())),
        }
    }
    let e = decode(b"<r>\xff</r>").unwrap_err();
    println!("{}: {:?}", e.message, e.tried);
}

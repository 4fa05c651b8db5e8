#!/usr/bin/python3
"""HiShopping B-End envelope test vectors, computed independently of the TypeScript code.

Run with Debian's Python and its `python3-cryptography` package:

    /usr/bin/python3 specs/hishopping/vectors/make_vectors.py

It rewrites specs/hishopping/vectors/vectors.json next to this file. Every value is derived from
fixed inputs (keys, IVs, nonces, timestamps), so running it again produces the same file byte for
byte. The protocol is the one docs/providers/hishopping.md ("The envelope") describes, our proposal
reconciling the provider's page at https://hishopping.xyz/:

* AES key: the Secret Key's UTF-8 bytes when there are exactly 32 of them, otherwise SHA-256 of them.
* data = encode(iv || ciphertext || tag): AES-256-GCM, 12-byte IV, 16-byte tag, no AAD;
  encode = standard padded Base64 (default) or lower-case hex.
* Signing input: every top-level field but `sign`, serialised as compact JSON (no whitespace),
  keys sorted by byte order, UTF-8, no ASCII escaping and NO HTML escaping (`<`, `>`, `&` are written
  as themselves). That is json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False).
  Note: Go's json.Marshal escapes `<`, `>`, `&` (and U+2028, U+2029) as \\u003c, \\u003e, \\u0026
  (\\u2028, \\u2029). Requests are signed in the plain form; an answer is accepted when its `sign`
  matches either form, because a Go server signing the output of json.Marshal produces the escaped one.
  The response vector whose message holds `<`, `>`, `&` lists the Go-escaped input and its signature, and
  `go-escaped-business-error` is a whole answer as such a server writes it (escaped on the wire too).
* sign = lower-case hex HMAC-SHA256(key = UTF-8 Sign Key, message = signing input).
* Request: envelope {app_id, nonce (32 lower-case hex), timestamp (integer seconds), data, sign}:
  POST sends it as the JSON body (keys in byte order); GET sends the same five fields as query
  parameters (application/x-www-form-urlencoded encoding, keys in byte order), the plain query dropped.
* Request plaintext: POST: the JSON body bytes exactly as the client serialised them;
  GET: the call's query parameters as typed JSON values, serialised by the same canonical rule
  (compact, keys in byte order); `{}` when there are none.
* Response: {app_id, code, data, message, nonce, sign, timestamp}; `data` decrypts to the business
  payload (JSON `null` on a business error). Pre-auth failures are plaintext {code, message, data}.
"""

import base64
import hashlib
import hmac
import json
import os
import urllib.parse

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

HERE = os.path.dirname(os.path.abspath(__file__))

APP_ID = "hs_app_7Q2mX9"
SECRET_32 = "keyway-hishopping-secret-32bytes"  # exactly 32 UTF-8 bytes: used as the AES key as is
SECRET_SHORT = "short-secret"  # 12 bytes: AES key = SHA-256 of it
SIGN_KEY = "keyway-sign-key-test-0001"
BASE_URL = "https://hishopping.xyz/api/v1"

assert len(SECRET_32.encode()) == 32


def aes_key(secret: str) -> bytes:
    raw = secret.encode("utf-8")
    return raw if len(raw) == 32 else hashlib.sha256(raw).digest()


def canonical(obj) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def go_escaped(text: str) -> str:
    """What Go's json.Marshal would produce for the same value (HTML-escaped)."""
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def encode(raw: bytes, encoding: str) -> str:
    return base64.b64encode(raw).decode("ascii") if encoding == "base64" else raw.hex()


def seal(secret: str, iv: bytes, plaintext: bytes, encoding: str) -> str:
    assert len(iv) == 12
    return encode(iv + AESGCM(aes_key(secret)).encrypt(iv, plaintext, None), encoding)


def sign(fields: dict) -> tuple[str, str]:
    signing_input = canonical(fields)
    mac = hmac.new(SIGN_KEY.encode("utf-8"), signing_input.encode("utf-8"), hashlib.sha256)
    return signing_input, mac.hexdigest()


def fixed_bytes(label: str, n: int) -> bytes:
    return hashlib.sha256(label.encode("utf-8")).digest()[:n]


def request_vector(name, description, method, path, query, body_text, secret, encoding, iv, nonce, timestamp):
    if method == "GET":
        plaintext = canonical(query or {})
    else:
        plaintext = body_text
    data = seal(secret, iv, plaintext.encode("utf-8"), encoding)
    fields = {"app_id": APP_ID, "nonce": nonce.hex(), "timestamp": timestamp, "data": data}
    signing_input, signature = sign(fields)
    envelope = dict(fields, sign=signature)
    vector = {
        "name": name,
        "description": description,
        "kind": "request",
        "method": method,
        "path": path,
        "secret_key": secret,
        "data_encoding": encoding,
        "iv_hex": iv.hex(),
        "nonce_bytes_hex": nonce.hex(),
        "timestamp": timestamp,
        "now_ms": timestamp * 1000 + 789,
        "plaintext": plaintext,
        "data": data,
        "signing_input": signing_input,
        "sign": signature,
    }
    if method == "GET":
        vector["query"] = query or {}
        encoded = urllib.parse.urlencode(sorted(envelope.items()), quote_via=urllib.parse.quote_plus)
        vector["wire_query"] = encoded
        vector["url"] = f"{BASE_URL}{path}?{encoded}"
    else:
        vector["body"] = body_text
        vector["wire_body"] = canonical(envelope)
        vector["url"] = f"{BASE_URL}{path}"
    return vector


def response_vector(name, description, code, message, payload_text, secret, encoding, iv, nonce, timestamp, go_alt=False):
    data = seal(secret, iv, payload_text.encode("utf-8"), encoding)
    fields = {
        "app_id": APP_ID,
        "code": code,
        "message": message,
        "nonce": nonce.hex(),
        "timestamp": timestamp,
        "data": data,
    }
    signing_input, signature = sign(fields)
    wire = canonical(dict(fields, sign=signature))
    vector = {
        "name": name,
        "description": description,
        "kind": "response",
        "secret_key": secret,
        "data_encoding": encoding,
        "iv_hex": iv.hex(),
        "payload": payload_text,
        "data": data,
        "signing_input": signing_input,
        "sign": signature,
        "wire_body": wire,
        "expect": {"code": code, "message": message, "data": json.loads(payload_text)},
    }
    if go_alt:
        go_input = go_escaped(signing_input)
        vector["go_escaped_signing_input"] = go_input
        vector["go_escaped_sign"] = hmac.new(
            SIGN_KEY.encode("utf-8"), go_input.encode("utf-8"), hashlib.sha256
        ).hexdigest()
    return vector


def headers_protocol() -> dict:
    """The provider page's other request protocol (its "Communication Protocol" section): the JSON body is
    encrypted as Base64(iv || ciphertext || tag) and sent as the body itself; headers App-ID, Timestamp
    (Unix seconds) and Sign = hex HMAC-SHA256(key = Sign Key, message = app_id + timestamp). Answers come the
    same way: an encrypted body with App-ID, Timestamp and Sign headers computed by the same formula."""
    ts = 1767225700

    def header_sign(timestamp: int) -> str:
        return hmac.new(SIGN_KEY.encode("utf-8"), f"{APP_ID}{timestamp}".encode("utf-8"), hashlib.sha256).hexdigest()

    body = json.dumps({"goods_id": "601099512345678", "sku_id": "17592186044417", "quantity": 1,
                       "merchant_order_no": "KW-HDR-0001",
                       "shipping_address": {"name": "Ada", "phone": "+44 20 7946 0000", "address": "1 High St",
                                            "city": "London", "country": "GB", "postal_code": "SW1A 1AA"}},
                      separators=(",", ":"))
    iv = bytes.fromhex("c0c1c2c3c4c5c6c7c8c9cacb")
    answer_payload = json.dumps({"order_no": "HS202601010009", "merchant_order_no": "KW-HDR-0001"},
                                separators=(",", ":"))
    answer_plain = json.dumps({"code": 0, "message": "success", "data": json.loads(answer_payload)},
                              separators=(",", ":"))
    answer_iv = bytes.fromhex("d0d1d2d3d4d5d6d7d8d9dadb")
    return {
        "description": "protocol: headers. Request body = Base64(iv||ct||tag) of the JSON body; headers App-ID, "
        "Timestamp, Sign = hex HMAC-SHA256(Sign Key, app_id + timestamp). The answer body is the encrypted JSON "
        "{code, message, data}, with App-ID, Timestamp, Sign by the same formula.",
        "request": {
            "method": "POST", "path": "/orders", "secret_key": SECRET_32, "iv_hex": iv.hex(),
            "timestamp": ts, "now_ms": ts * 1000 + 321, "body": body,
            "sign_input": f"{APP_ID}{ts}", "sign": header_sign(ts),
            "wire_body": seal(SECRET_32, iv, body.encode("utf-8"), "base64"),
        },
        "response": {
            "secret_key": SECRET_32, "iv_hex": answer_iv.hex(), "timestamp": ts + 1,
            "sign_input": f"{APP_ID}{ts + 1}", "sign": header_sign(ts + 1), "plaintext": answer_plain,
            "wire_body": seal(SECRET_32, answer_iv, answer_plain.encode("utf-8"), "base64"),
            "expect": json.loads(answer_plain),
        },
    }


def resign(body: dict) -> str:
    fields = {k: v for k, v in body.items() if k != "sign"}
    _, signature = sign(fields)
    return canonical(dict(fields, sign=signature))


def main():
    ts = 1767225600  # 2026-01-01T00:00:00Z
    create_order_body = json.dumps(
        {
            "goods_id": "601099512345678",
            "sku_id": "17592186044417",
            "quantity": 2,
            "merchant_order_no": "KW-20260101-0001",
            "shipping_address": {
                "name": "Zoë Müller",
                "phone": "+49 30 1234567",
                "address": "Friedrichstraße 1",
                "city": "Berlin",
                "country": "DE",
                "postal_code": "10117",
            },
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )

    # A GET whose Base64 `data` holds both `+` and `/`: search IVs derived from a fixed label.
    get_query = {"page": 1, "page_size": 20, "keyword": "phone case"}
    for i in range(1000):
        iv = fixed_bytes(f"hishopping-get-iv-{i}", 12)
        probe = seal(SECRET_32, iv, canonical(get_query).encode(), "base64")
        if "+" in probe and "/" in probe:
            get_iv = iv
            break
    else:
        raise SystemExit("no IV found")

    requests = [
        request_vector(
            "create-order-base64-key32",
            "POST /orders, Base64 data, 32-byte Secret Key used as is; body with non-ASCII text.",
            "POST", "/orders", None, create_order_body, SECRET_32, "base64",
            bytes.fromhex("000102030405060708090a0b"), bytes.fromhex("00112233445566778899aabbccddeeff"), ts,
        ),
        request_vector(
            "create-order-hex-short-key",
            "POST /orders, hex data, short Secret Key (AES key = SHA-256 of it).",
            "POST", "/orders", None, create_order_body, SECRET_SHORT, "hex",
            bytes.fromhex("cafebabefacedbaddecaf888"), bytes.fromhex("0f1e2d3c4b5a69788796a5b4c3d2e1f0"), ts + 1,
        ),
        request_vector(
            "list-products-get-plus-slash",
            "GET /products: typed query inside the encrypted data (numbers stay numbers), Base64 data "
            "holding '+' and '/', sent percent-encoded in the query string.",
            "GET", "/products", get_query, None, SECRET_32, "base64",
            get_iv, bytes.fromhex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"), ts + 2,
        ),
        request_vector(
            "get-credit-empty-hex-short-key",
            "GET /credit with no parameters: plaintext {} ; hex data, short Secret Key.",
            "GET", "/credit", None, None, SECRET_SHORT, "hex",
            bytes.fromhex("101112131415161718191a1b"), bytes.fromhex("ffeeddccbbaa99887766554433221100"), ts + 3,
        ),
    ]

    credit_payload = json.dumps(
        {
            "currency": "USD",
            "credit_limit": "5000.00",
            "used": "1234.50",
            "available": "3765.50",
            "balance": "3765.50",
            "status": "active",
        },
        separators=(",", ":"),
    )
    responses = [
        response_vector(
            "credit-success-base64-key32",
            "Signed, encrypted success for GET /credit; Base64, 32-byte Secret Key.",
            0, "success", credit_payload, SECRET_32, "base64",
            bytes.fromhex("202122232425262728292a2b"), bytes.fromhex("3031323334353637383940414243444f"), ts + 4,
        ),
        response_vector(
            "credit-success-hex-short-key",
            "The same success payload, hex data, short Secret Key.",
            0, "success", credit_payload, SECRET_SHORT, "hex",
            bytes.fromhex("505152535455565758595a5b"), bytes.fromhex("606162636465666768696a6b6c6d6e6f"), ts + 5,
        ),
        response_vector(
            "business-error-html-chars",
            "Signed business error (code 4001, data null) whose message holds '<', '>' and '&' written "
            "literally in the signing input (no HTML escaping). go_escaped_sign is what an HTML-escaping "
            "serializer (Go's json.Marshal) signs over the same fields; it verifies too.",
            4001, "Invalid parameters: quantity must be >= 1 & <= 100 (<quantity>)", "null", SECRET_32, "base64",
            bytes.fromhex("707172737475767778797a7b"), bytes.fromhex("8081828384858687888990919293949f"), ts + 6,
            go_alt=True,
        ),
    ]

    # A whole answer written by a Go server that signs json.Marshal's output: escaped on the wire and in the
    # signing input.
    go_fields = {
        "app_id": APP_ID, "code": 3002, "message": "Product out of stock: <Case> & <Cover>",
        "nonce": bytes.fromhex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf").hex(), "timestamp": ts + 7,
        "data": seal(SECRET_32, bytes.fromhex("b0b1b2b3b4b5b6b7b8b9babb"), b"null", "base64"),
    }
    go_input = go_escaped(canonical(go_fields))
    go_sign = hmac.new(SIGN_KEY.encode("utf-8"), go_input.encode("utf-8"), hashlib.sha256).hexdigest()
    go_answers = [{
        "name": "go-escaped-business-error",
        "description": "A signed business error as a Go server writes it: json.Marshal escapes '<', '>', '&' "
        "on the wire and in what it signs. Accepted; the parsed message holds the plain characters.",
        "secret_key": SECRET_32, "data_encoding": "base64",
        "signing_input": go_input, "sign": go_sign,
        "wire_body": go_escaped(canonical(dict(go_fields, sign=go_sign))),
        "expect": {"code": 3002, "message": go_fields["message"], "data": None},
    }]

    ok = json.loads(responses[0]["wire_body"])

    # Tampered data, not re-signed -> signature check fails.
    raw = base64.b64decode(ok["data"])
    flipped = bytearray(raw)
    flipped[20] ^= 0x01
    tampered_data = dict(ok, data=base64.b64encode(bytes(flipped)).decode())
    # Corrupted ciphertext, re-signed -> signature verifies, decryption fails.
    corrupted_resigned = resign(tampered_data)
    # Truncated ciphertext (27 bytes < 12 IV + 16 tag), re-signed.
    truncated = resign(dict(ok, data=base64.b64encode(raw[:27]).decode()))
    # Not Base64 at all, re-signed.
    bad_encoding = resign(dict(ok, data="not*base64!"))
    # Tampered sign.
    bad_sign = dict(ok, sign=("0" if ok["sign"][0] != "0" else "1") + ok["sign"][1:])
    # Tampered message (sign left alone).
    bad_message = dict(ok, message="success!")

    negatives = [
        {"name": "tampered-data", "wire_body": canonical(tampered_data), "secret_key": SECRET_32,
         "data_encoding": "base64", "error": "signature"},
        {"name": "tampered-sign", "wire_body": canonical(bad_sign), "secret_key": SECRET_32,
         "data_encoding": "base64", "error": "signature"},
        {"name": "tampered-message", "wire_body": canonical(bad_message), "secret_key": SECRET_32,
         "data_encoding": "base64", "error": "signature"},
        {"name": "corrupted-data-resigned", "wire_body": corrupted_resigned, "secret_key": SECRET_32,
         "data_encoding": "base64", "error": "decryption"},
        {"name": "truncated-data-resigned", "wire_body": truncated, "secret_key": SECRET_32,
         "data_encoding": "base64", "error": "decryption"},
        {"name": "bad-encoding-resigned", "wire_body": bad_encoding, "secret_key": SECRET_32,
         "data_encoding": "base64", "error": "decryption"},
        {"name": "wrong-secret-key", "wire_body": responses[0]["wire_body"], "secret_key": SECRET_SHORT,
         "data_encoding": "base64", "error": "decryption"},
        {"name": "hex-data-read-as-base64", "wire_body": responses[1]["wire_body"], "secret_key": SECRET_SHORT,
         "data_encoding": "base64", "error": "decryption"},
        {"name": "unsigned-success", "wire_body": canonical({"code": 0, "message": "success", "data": {"x": 1}}),
         "secret_key": SECRET_32, "data_encoding": "base64", "error": "signature"},
    ]
    plain_errors = [
        {"name": "plain-1001", "wire_body": json.dumps({"code": 1001, "message": "Invalid signature", "data": None},
                                                      separators=(",", ":")),
         "expect": {"code": 1001, "message": "Invalid signature", "data": None}},
        {"name": "plain-1006", "wire_body": json.dumps({"code": 1006, "message": "Decryption failed", "data": None},
                                                      separators=(",", ":")),
         "expect": {"code": 1006, "message": "Decryption failed", "data": None}},
    ]

    out = {
        "about": "HiShopping B-End envelope vectors. Generated by make_vectors.py (Python 'cryptography' AESGCM, "
        "stdlib hmac/hashlib/json); never produced by the code under test.",
        "serialization": "compact JSON, keys sorted by byte order, UTF-8, no ASCII escaping, no HTML escaping "
        "(json.dumps(sort_keys=True, separators=(',', ':'), ensure_ascii=False))",
        "credentials": {
            "app_id": APP_ID,
            "secret_key_32": SECRET_32,
            "secret_key_short": SECRET_SHORT,
            "sign_key": SIGN_KEY,
            "aes_key_hex": {SECRET_32: aes_key(SECRET_32).hex(), SECRET_SHORT: aes_key(SECRET_SHORT).hex()},
        },
        "base_url": BASE_URL,
        "requests": requests,
        "responses": responses,
        "response_negatives": negatives,
        "plain_errors": plain_errors,
        "go_escaped_responses": go_answers,
        "headers_protocol": headers_protocol(),
    }
    with open(os.path.join(HERE, "vectors.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    write_spec_block(out)


BEGIN = "# BEGIN x-test-vectors (generated by specs/hishopping/vectors/make_vectors.py; do not edit by hand)\n"
END = "# END x-test-vectors\n"


def write_spec_block(out):
    """Writes the request and response vectors into ../openapi.yaml as the root `x-test-vectors` (JSON is YAML)."""
    spec_path = os.path.join(HERE, "..", "openapi.yaml")
    if not os.path.exists(spec_path):
        return
    with open(spec_path, encoding="utf-8") as fh:
        text = fh.read()
    start = text.index(BEGIN) + len(BEGIN)
    end = text.index(END)
    block = {
        "description": "Fixed keys, IVs, nonces and timestamps with the expected data, signing input and sign. "
        "Computed by specs/hishopping/vectors/make_vectors.py (Python cryptography); the full set, negative "
        "cases included, is specs/hishopping/vectors/vectors.json. random(12) returns iv_hex, random(16) "
        "nonce_bytes_hex; the clock reads now_ms.",
        "serialization": out["serialization"],
        "credentials": out["credentials"],
        "base_url": out["base_url"],
        "requests": out["requests"],
        "responses": out["responses"],
    }
    # Flow (JSON) style, every line after the first indented so block-YAML parsers accept it.
    body = "x-test-vectors: " + json.dumps(block, indent=2, ensure_ascii=False).replace("\n", "\n  ") + "\n"
    with open(spec_path, "w", encoding="utf-8") as fh:
        fh.write(text[:start] + body + text[end:])


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Independent OAuth 1.0a (RFC 5849) vectors for Appfigures, computed with Python's urllib and the
`cryptography` package (HMAC-SHA1), never with the TypeScript code under test.

Run from the repository root:  python3 specs/appfigures/vectors/make_vectors.py
It rewrites specs/appfigures/vectors/vectors.json, read by the @keyway/appfigures tests (the client's
signer) and the sandbox tests (the sandbox's verifier).

Rules implemented (RFC 5849):
  * section 3.6 encoding: UTF-8 octets, everything but A-Z a-z 0-9 - . _ ~ as %XX (upper-case hex);
  * section 3.4.1.3.1: query and form-body parameters are decoded as application/x-www-form-urlencoded
    ("+" is a space), protocol parameters come from the Authorization header, oauth_signature excluded;
  * section 3.4.1.3.2: pairs encoded, sorted by name then value, joined "name=value" with "&";
  * section 3.4.1.2: base string URI = lower-case scheme and host, no default port, the path as sent;
  * section 3.4.2: HMAC-SHA1 keyed by enc(client secret) "&" enc(token secret), base64;
  * section 3.4.4: PLAINTEXT signature = enc(client secret) "&" enc(token secret).
The script checks itself against RFC 5849 section 1.2's three signatures before writing anything.
"""
import base64
import json
import os
from urllib.parse import quote, unquote_to_bytes, urlsplit

from cryptography.hazmat.primitives import hashes, hmac


def enc(value) -> str:
    data = value if isinstance(value, bytes) else value.encode("utf-8")
    return quote(data, safe="~")  # quote() leaves A-Za-z0-9 _.- and the given safe set; "~" is unreserved


def form_pairs(text: str):
    pairs = []
    for part in text.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        decode = lambda s: unquote_to_bytes(s.replace("+", " "))
        pairs.append((enc(decode(name)), enc(decode(value))))
    return pairs


def base_uri(url: str) -> str:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = parts.hostname.lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    return f"{scheme}://{host}{parts.path or '/'}"


def base_string(method, url, oauth, content_type=None, body=None):
    pairs = form_pairs(urlsplit(url).query)
    if body and content_type == "application/x-www-form-urlencoded":
        pairs += form_pairs(body)
    pairs += [(enc(k), enc(v)) for k, v in oauth.items()]
    pairs.sort()
    normalized = "&".join(f"{k}={v}" for k, v in pairs)
    return f"{method.upper()}&{enc(base_uri(url))}&{enc(normalized)}"


def hmac_sha1(key: str, text: str) -> str:
    h = hmac.HMAC(key.encode("utf-8"), hashes.SHA1())
    h.update(text.encode("utf-8"))
    return base64.b64encode(h.finalize()).decode("ascii")


def vector(name, method, url, consumer_key, consumer_secret, token, token_secret, timestamp, nonce,
           signature_method="HMAC-SHA1", extra=None, content_type=None, body=None):
    oauth = {"oauth_consumer_key": consumer_key, "oauth_signature_method": signature_method,
             "oauth_timestamp": str(timestamp), "oauth_nonce": nonce}
    if token:
        oauth["oauth_token"] = token
    oauth.update(extra or {})
    key = f"{enc(consumer_secret)}&{enc(token_secret or '')}"
    base = base_string(method, url, oauth, content_type, body)
    signature = hmac_sha1(key, base) if signature_method == "HMAC-SHA1" else key
    out = {"name": name, "method": method, "url": url, "consumerKey": consumer_key,
           "consumerSecret": consumer_secret, "token": token or "", "tokenSecret": token_secret or "",
           "timestamp": timestamp, "nonce": nonce, "signatureMethod": signature_method,
           "oauthParams": oauth, "baseString": base, "signature": signature}
    if content_type:
        out["contentType"] = content_type
        out["body"] = body
    return out


PHOTOS = dict(consumer_key="dpf43f3p2l4k3l03", consumer_secret="kd94hf93k423kf44")

# RFC 5849 section 1.2, the three signed requests of the example (realm is not signed).
RFC = [
    (vector("RFC 5849 1.2 temporary credentials", "POST", "https://photos.example.net/initiate", token=None,
            token_secret=None, timestamp=137131200, nonce="wIjqoS",
            extra={"oauth_callback": "http://printer.example.com/ready"}, **PHOTOS),
     "74KNZJeDHnMBp0EMJ9ZHt/XKycU="),
    (vector("RFC 5849 1.2 token credentials", "POST", "https://photos.example.net/token", token="hh5s93j4hdidpola",
            token_secret="hdhd0244k9j7ao03", timestamp=137131201, nonce="walatlh",
            extra={"oauth_verifier": "hfdp7dh39dks9884"}, **PHOTOS),
     "gKgrFCywp7rO0OXSjdot/IHF7IU="),
    (vector("RFC 5849 1.2 protected resource", "GET",
            "http://photos.example.net/photos?file=vacation.jpg&size=original", token="nnch734d00sl2jdk",
            token_secret="pfkkdhi9sl3r4s00", timestamp=137131202, nonce="chapoH", **PHOTOS),
     "MdpQcU8iPSUjWoN/UDMsK2sui9I="),
]
for v, expected in RFC:
    assert v["signature"] == expected, (v["name"], v["signature"], expected)

AF = dict(consumer_key="kw_demo_client", consumer_secret="kw_demo_secret", token="at_5c1e0a77d2",
          token_secret="ats_f00dcafe", timestamp=1764576000)
BASE = "https://api.appfigures.com/v2"


def hexnonce(i: int) -> str:
    # What a client whose random(16) returns b"keyway-vector-0<i>" sends: the bytes in lower-case hex.
    return f"keyway-vector-{i:02d}".encode("ascii").hex()


def q(value: str) -> str:
    # encodeURIComponent (openapi-fetch's query serializer) keeps A-Za-z0-9 -_.!~*'(), then the WHATWG URL
    # serializer of fetch() encodes "'" in a special URL's query as %27: what goes on the wire.
    return quote(value.encode("utf-8"), safe="!~*()")


VECTORS = [v for v, _ in RFC] + [
    vector("query with spaces, !*'(), ~, commas and non-ASCII (encodeURIComponent form)", "GET",
           f"{BASE}/reviews?q={q('a b !*()')}&author={q(chr(74) + 'ürgen ~ O' + chr(39) + 'Brien')}"
           f"&versions={q('3.2.1,3.2.0')}&countries={q('US,GB')}", nonce=hexnonce(1), **AF),
    vector("repeated parameters keep every value, sorted by value", "GET",
           f"{BASE}/reviews?countries=US&countries=GB&countries=DE&products=40000954321&products=40000812345",
           nonce=hexnonce(2), **AF),
    vector("+ in a query is a space; %2B is a plus", "GET", f"{BASE}/reviews?q=c%2B%2B+rocks&author=a+b", nonce=hexnonce(3),
           **AF),
    vector("reserved and non-ASCII in the query, emoji included", "GET",
           f"{BASE}/reviews?q={q('日本語 😀 & = ? / #')}&lang=ja", nonce=hexnonce(4), **AF),
    vector("form body parameters are signed with the query", "POST",
           f"{BASE}/external_accounts?pretty=true", nonce=hexnonce(5), content_type="application/x-www-form-urlencoded",
           body="nickname=Play+Console&username=finance%40keyway.example&note=caf%C3%A9+%21*%27%28%29~&tag=b&tag=a",
           **AF),
    vector("RFC 5849 3.4.1 example (form body c2&a3=2+q)", "POST",
           "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b", consumer_key="9djdj82h48djs9d2",
           consumer_secret="j49sk3j29djd", token="kkk9d7dh3k39sjv7", token_secret="dh893hdasih9",
           timestamp=137131201, nonce="7d8f3e4a", content_type="application/x-www-form-urlencoded",
           body="c2&a3=2+q"),
    vector("non-default port and upper-case host", "GET", "http://API.Example.COM:8080/v2/products/mine?store=apple",
           nonce=hexnonce(6), **AF),
    vector("PLAINTEXT: enc(client secret)&enc(token secret) with reserved and non-ASCII secrets", "GET",
           f"{BASE}/", consumer_key="kw_demo_client", consumer_secret="s3cr3t&+/ é", token="at_plain",
           token_secret="tök=en%", timestamp=1764576000, nonce=hexnonce(7), signature_method="PLAINTEXT"),
]

# The section 3.4.1 example's printed signature does not match its own base string; pin what HMAC gives.
assert VECTORS[len(RFC) + 5]["baseString"].startswith("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b")

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vectors.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"generator": "specs/appfigures/vectors/make_vectors.py", "vectors": VECTORS}, f,
              ensure_ascii=False, indent=2)
    f.write("\n")
print(f"wrote {len(VECTORS)} vectors to {out}")

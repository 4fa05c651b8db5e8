"""Checks hmac-gcm.json against Python's own implementations, independently of @keyway/auth.

Run: python3 packages/auth/test/vectors/check_hmac_gcm.py (needs the `cryptography` package).
The vectors themselves are transcribed from RFC 2202, RFC 4231 and the GCM specification (see "source").
"""

import hashlib
import hmac
import json
import pathlib

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

doc = json.loads((pathlib.Path(__file__).parent / "hmac-gcm.json").read_text())
count = 0
for group, alg in (("hmacSha1", hashlib.sha1), ("hmacSha256", hashlib.sha256)):
    for v in doc[group]["cases"]:
        digest = hmac.new(bytes.fromhex(v["key"]), bytes.fromhex(v["data"]), alg).hexdigest()
        assert digest[: len(v["digest"])] == v["digest"], (group, v["tc"])
        count += 1
for v in doc["aes256Gcm"]["cases"]:
    aad = bytes.fromhex(v["aad"]) or None
    sealed = AESGCM(bytes.fromhex(v["key"])).encrypt(bytes.fromhex(v["iv"]), bytes.fromhex(v["plaintext"]), aad)
    assert sealed.hex() == v["ciphertext"] + v["tag"], ("aes256Gcm", v["tc"])
    count += 1
print(f"hmac-gcm.json: {count} vectors agree with hashlib/hmac and cryptography")

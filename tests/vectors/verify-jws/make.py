#!/usr/bin/env python3
# make.py BUILD/tests/vectors/trust/decision.jws: writes the fixtures of
# this folder (see SOURCE); run here.  Needs python3-cryptography.
import base64, json, hmac, hashlib, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization
def b64(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()
seed = bytes.fromhex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')
sk = Ed25519PrivateKey.from_private_bytes(seed)
pub = sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
jwk = {"kty":"OKP","crv":"Ed25519","x":b64(pub),"kid":"rfc8032-1"}
open('key.jwk','w').write(json.dumps(jwk, indent=2)+'\n')
dec = json.load(open(sys.argv[1]))['payload']
payload = base64.urlsafe_b64decode(dec + '='*(-len(dec)%4))
T = "recourse-decision+json"
def compact(h, sign):
    si = b64(json.dumps(h, separators=(',',':')).encode()) + '.' + b64(payload)
    return si + '.' + sign(si.encode()) + '\n'
ed = lambda m: b64(sk.sign(m))
open('alg-none.jws','w').write(compact({"alg":"none","typ":T,"kid":"rfc8032-1"}, lambda m: ''))
hk = open('key.jwk','rb').read()
open('hs256.jws','w').write(compact({"alg":"HS256","typ":T,"kid":"rfc8032-1"}, lambda m: b64(hmac.new(hk, m, hashlib.sha256).digest())))
pj = dict(jwk); del pj['kid']
open('jwk-header.jws','w').write(compact({"alg":"EdDSA","typ":T,"kid":"rfc8032-1","jwk":pj}, ed))
open('crit.jws','w').write(compact({"alg":"EdDSA","typ":T,"kid":"rfc8032-1","crit":["x-expires"],"x-expires":1}, ed))
h = b64(json.dumps({"alg":"EdDSA","typ":T,"kid":"rfc8032-1","b64":False,"crit":["b64"]}, separators=(',',':')).encode())
sig = ed(h.encode() + b'.' + payload)
open('b64-false.json','w').write(json.dumps({"payload":payload.decode(),"protected":h,"signature":sig})+'\n')

/*
 * libtls12 compatibility header: <openssl/objects.h>.
 * Look-ups between NIDs, short and long names, dotted OIDs and ASN1_OBJECTs
 * (OBJ_nid2sn, OBJ_txt2nid, OBJ_obj2nid, OBJ_obj2txt ...) over the objects obj_mac.h
 * lists; other NIDs are unknown here (OBJ_nid2sn gives NULL).
 */
#ifndef TLS12_OPENSSL_OBJECTS_H
#define TLS12_OPENSSL_OBJECTS_H
#include "crypto.h"
#include "obj_mac.h"
#endif /* TLS12_OPENSSL_OBJECTS_H */

/*
 * fuzz_discovery.c: libFuzzer target for what net/ reads from a service
 * before any signature is checked: the discovery document, the payload of a
 * JWS taken apart for its digest, and a Content-Type header.
 *
 * Besides not crashing, leaking or overrunning: a document accepted as a
 * discovery document names exactly the origin it was fetched from, both of
 * its endpoints are on that origin, and its keys are a non-empty key set,
 * so that an access code can never be sent anywhere else.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/jws.h"
#include "net/proto.h"
#include "net/url.h"

#define BASE	"https://bank.example"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct net_discovery	d;
	struct core_buf		b;
	struct core_err		err;
	char			mt[96], *s;

	net_discovery_init(&d);
	if (net_discovery_parse(data, size, BASE, &d, &err) == CORE_OK) {
		if (strcmp(d.service_id, BASE) != 0 ||
		    !net_same_origin(d.decisions, BASE) ||
		    !net_same_origin(d.contests, BASE) ||
		    d.keys == NULL || core_keyset_count(d.keys) == 0 ||
		    d.raw_len != size || memcmp(d.raw, data, size) != 0)
			abort();
	}
	net_discovery_clear(&d);

	core_buf_init(&b, 1u << 20);
	(void)net_jws_payload(data, size, &b, &err);
	core_buf_free(&b);

	if ((s = malloc(size + 1)) != NULL) {
		memcpy(s, data, size);
		s[size] = '\0';
		net_media_type(s, mt, sizeof mt);
		if (strlen(mt) >= sizeof mt)
			abort();
		free(s);
	}
	return 0;
}

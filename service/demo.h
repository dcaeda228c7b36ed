/*
 * demo.h: the demo service built at start from data/ (serve --demo).
 *
 * Every start makes fresh keys in STATE/keys/ (the service key, a provider
 * key for attestations, an unlisted key that only demo case 4 is signed with,
 * and a registry root key), renders the letter templates with the WPG-1
 * embedder, builds and signs the decision records of data/cases/ into the
 * cases folder STATE/site/ (site.h), and signs a demo registry that lists the
 * demo service and the provider: STATE/registry.jws, with its root key's
 * public JWK in STATE/registry-root.jwk.
 */
#ifndef RECOURSE_SERVICE_DEMO_H
#define RECOURSE_SERVICE_DEMO_H

#include "core/error.h"

struct svc_demo {
	char	cases_dir[4096];	/* STATE/site */
	char	registry[4096];		/* STATE/registry.jws */
	char	registry_root[4096];	/* STATE/registry-root.jwk */
};

/* Build the demo from datadir into state for a service at url. */
enum core_code	svc_demo_build(const char *datadir, const char *state,
		    const char *url, struct svc_demo *d, struct core_err *err);

/*
 * Write a recourse.conf for the client at path (mode 0600):
 *   service = URL
 *   registry-root = STATE/registry-root.jwk   (demo only)
 *   registry = STATE/registry.jws             (demo only)
 *   data-dir = STATE/client
 * Paths are absolute.  d is NULL when not serving the demo.
 */
enum core_code	svc_demo_client_config(const char *path, const char *url,
		    const char *state, const struct svc_demo *d,
		    struct core_err *err);

void		svc_demo_clear(struct svc_demo *d);

#endif

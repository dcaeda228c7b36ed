/* letterwm.c: the watermark test of a letter (letterwm.h). */
#include "config.h"

#include <string.h>

#include "core/error.h"
#include "core/hash.h"
#include "net/letterwm.h"

void
net_letterwm_test(const struct core_record *rec, const char *text,
    const json_t *disc, struct net_letterwm *out)
{
	const struct core_rec_watermark	*wm = &rec->label.watermark;
	struct core_wpg1_params		 prm;
	struct core_wpg1_result		 res[NET_LETTERWM_MAX_KEYS];
	struct core_wpg1		*d = NULL;
	struct core_err			 err;
	unsigned char			 keys[NET_LETTERWM_MAX_KEYS][CORE_WPG1_KEY_LEN];
	const json_t			*dw, *k;
	size_t				 nkeys = 0, i;

	memset(out, 0, sizeof *out);
	if (!rec->explanation.letter.present || text == NULL)
		return;
	core_wpg1_params_default(&prm);
	if (wm->present) {
		prm.G = wm->G;
		prm.alpha = wm->alpha;
		prm.t_min = wm->T_min;
		memcpy(keys[nkeys++], wm->key, CORE_WPG1_KEY_LEN);
	}
	dw = json_object_get(disc, "watermark");
	json_array_foreach(json_object_get(dw, "keys"), i, k) {
		if (nkeys == NET_LETTERWM_MAX_KEYS)
			break;
		/* Untrusted: 64 hex digits or the key is passed over. */
		if (core_unhex(json_string_value(json_object_get(k, "key")),
		    keys[nkeys], CORE_WPG1_KEY_LEN) != 0)
			continue;
		if (wm->present && memcmp(keys[nkeys], keys[0], CORE_WPG1_KEY_LEN) == 0)
			continue;
		nkeys++;
	}
	if (!wm->present && json_is_integer(json_object_get(dw, "G")))
		prm.G = (unsigned)json_integer_value(json_object_get(dw, "G"));
	if (nkeys == 0 || core_wpg1_params_check(&prm, &err) != CORE_OK ||
	    core_wpg1_new(&d, &prm, (const unsigned char (*)[CORE_WPG1_KEY_LEN])keys,
	    nkeys, &err) != CORE_OK)
		return;
	if (core_wpg1_feed(d, text, strlen(text), &err) == CORE_OK &&
	    core_wpg1_finish(d, res, &err) == CORE_OK) {
		out->verdict = core_wpg1_overall(res, nkeys);
		out->res = res[0];
		for (i = 0; i < nkeys; i++)
			if (res[i].verdict == out->verdict) {
				out->res = res[i];
				break;
			}
		out->checked = 1;
		out->label_key = wm->present;
	}
	core_wpg1_free(&d);
}

/*
 * pane-review.c: the review screen shows exactly what will be sent: the
 * body's bytes laid out one member a line (only line breaks and indentation
 * are added between tokens; every byte of the body is there, in order), its
 * size and SHA-256.  y puts the body in the outbox (written to disk before
 * anything is sent, with its idempotency key) and sends it.
 */
#include "config.h"

#include <string.h>

#include "core/intl.h"
#include "net/case.h"
#include "net/outbox.h"
#include "tui/tui-int.h"

/* Flush the line being built into the document. */
static void
review_flush(struct tui_doc *d, struct core_buf *line, int depth)
{
	if (line->len == 0)
		return;
	tui_doc_add(d, core_buf_str(line), TUI_R_NORMAL, 2 * depth, TUI_DOC_ITEM);
	core_buf_reset(line);
}

/* The body, a member or value to a line. */
static void
review_json(struct tui_doc *d, const unsigned char *s, size_t n)
{
	struct core_buf	line;
	size_t		i;
	int		depth = 0, instr = 0, esc = 0;

	core_buf_init(&line, 1024 * 1024);
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (instr) {
			core_buf_addc(&line, c);
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				instr = 0;
			continue;
		}
		switch (c) {
		case '"':
			instr = 1;
			core_buf_addc(&line, c);
			break;
		case '{':
		case '[':
			if (i + 1 < n && (s[i + 1] == '}' || s[i + 1] == ']')) {
				core_buf_addc(&line, c);
				core_buf_addc(&line, s[++i]);
				break;
			}
			core_buf_addc(&line, c);
			review_flush(d, &line, depth);
			depth++;
			break;
		case '}':
		case ']':
			review_flush(d, &line, depth);
			depth--;
			core_buf_addc(&line, c);
			break;
		case ',':
			core_buf_addc(&line, c);
			review_flush(d, &line, depth);
			break;
		default:
			core_buf_addc(&line, c);
		}
	}
	review_flush(d, &line, depth > 0 ? depth : 0);
	core_buf_free(&line);
}

/* The review document. */
static void
review_build(struct tui *t, struct tui_pane *p, struct tui_doc *d)
{
	tui_doc_addf(d, TUI_R_HEADING, 0, TUI_DOC_ITEM,
	    _("This is exactly what will be sent to %s:"),
	    t->cur.c.contests_url != NULL ? t->cur.c.contests_url : "?");
	/* L10N: size in bytes and the SHA-256 of the body. */
	tui_doc_addf(d, TUI_R_DIM, 0, TUI_DOC_ITEM,
	    _("%zu bytes of canonical JSON, SHA-256 %s. Line breaks and indents are "
	    "added here for reading only."), t->body.len, t->body_sha);
	tui_doc_blank(d);
	review_json(d, t->body.data, t->body.len);
	tui_doc_blank(d);
	tui_doc_add(d, _("Press y to send it, or Esc to go back and change it."),
	    TUI_R_STRONG, 0, TUI_DOC_ITEM);
}

/* Put the body in the outbox (or find it there) and send it. */
void
tui_contest_submit(struct tui *t)
{
	struct net_outbox_entry	*ov = NULL, e;
	struct core_err		 err;
	size_t			 on = 0, i;
	int			 found = 0;

	net_outbox_entry_init(&e);
	if (net_store_lock(t->env->ctx->store, &err) != CORE_OK) {
		tui_say(t, TUI_R_ERROR, _("The local store is busy (%s); try again."),
		    _(core_strerror(err.code)));
		return;
	}
	if (net_outbox_list(t->env->ctx->store, &ov, &on, &err) == CORE_OK)
		for (i = 0; i < on && !found; i++)
			if (strcmp(ov[i].body_sha256, t->body_sha) == 0 &&
			    strcmp(ov[i].case_id, t->cur.c.id) == 0) {
				snprintf(t->outbox_key, sizeof t->outbox_key, "%s", ov[i].key);
				found = 1;
			}
	if (!found) {
		if (net_outbox_add(t->env->ctx->store, t->cur.c.id, t->cur.c.service_id,
		    t->cur.c.contests_url, t->cur.c.decision_id, t->body.data,
		    t->body.len, &e, &err) != CORE_OK) {
			tui_say(t, TUI_R_ERROR, _("The contest could not be saved in the "
			    "outbox: %s. Nothing was sent; the draft is kept."),
			    _(core_strerror(err.code)));
			goto out;
		}
		snprintf(t->outbox_key, sizeof t->outbox_key, "%s", e.key);
		if (t->cur.c.contest_status == NULL ||
		    strcmp(t->cur.c.contest_status, NET_CONTEST_NONE) == 0) {
			if (net_case_set(&t->cur.c.contest_status, NET_CONTEST_QUEUED) == CORE_OK)
				(void)net_case_save(t->env->ctx->store, &t->cur.c, &err);
		}
	}
	net_store_unlock(t->env->ctx->store);
	tui_say(t, TUI_R_STATUS, "%s", _("The contest is saved in the outbox."));
	tui_net_send(t, t->outbox_key);
	net_outbox_list_free(&ov, on);
	net_outbox_entry_clear(&e);
	return;
out:
	net_store_unlock(t->env->ctx->store);
	net_outbox_list_free(&ov, on);
	net_outbox_entry_clear(&e);
}

/* y sends; Esc goes back to the form. */
static int
review_key(struct tui *t, struct tui_pane *p, int key)
{
	if (key == TUI_ESC) {
		tui_show(t, TUI_S_CONTEST);
		return 1;
	}
	if (key == 'y' || key == 'Y') {
		tui_contest_submit(t);
		return 1;
	}
	return tui_docpane_key(t, p, key);
}

const struct tui_pane_ops tui_pane_review_ops = {
	.title = N_("Review what will be sent"),
	.build = review_build,
	.draw = tui_docpane_draw,
	.key = review_key,
	.resize = tui_docpane_resize,
	.focus = tui_docpane_focus,
	.free = tui_docpane_free,
};

/*
 * wpg1-int.h: internals shared by the files of the WPG-1 watermark (not an
 * interface: use wpg1.h).
 *
 * struct core_wpg1_tok turns a stream of bytes into the stream of words of
 * steps 1 to 3 (wpg1-text.c).  It owns its buffers; core_wpg1_tok_copy()
 * copies the reading state (not the scratch space) from one to another, so
 * that the embedder can try a continuation and go back.
 */
#ifndef RECOURSE_CORE_WPG1_INT_H
#define RECOURSE_CORE_WPG1_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Non-starters in a row before the text is normalised in parts. */
#define CORE_WPG1_SEG_MAX	4096u

typedef enum core_code (*core_wpg1_word_fn)(void *arg, const unsigned char *w,
    size_t n);

struct core_wpg1_tok {
	/* UTF-8 decoder: continuation bytes still expected and their range */
	uint32_t		 u_cp;
	unsigned		 u_need;
	unsigned char		 u_lo;
	unsigned char		 u_hi;
	/* code points since the last point where nothing can join across */
	int32_t			*seg;
	size_t			 seg_len;
	size_t			 seg_cap;
	int			 seg_ascii;	/* all of seg is ASCII */
	/* normalisation scratch */
	int32_t			*nf[2];
	size_t			 nf_cap[2];
	/* the word being read, UTF-8 */
	unsigned char		*word;
	size_t			 word_len;
	size_t			 word_cap;
	/* where words go */
	core_wpg1_word_fn	 emit;
	void			*arg;
	uint64_t		 pos;		/* bytes read, for error offsets */
};

enum core_code	core_wpg1_tok_init(struct core_wpg1_tok *t, core_wpg1_word_fn emit,
		    void *arg);
void		core_wpg1_tok_free(struct core_wpg1_tok *t);
enum core_code	core_wpg1_tok_feed(struct core_wpg1_tok *t, const unsigned char *p,
		    size_t len, struct core_err *err);
/* End of text: an unfinished UTF-8 sequence, the pending code points and the
 * current word are passed on; the state is then as after init. */
enum core_code	core_wpg1_tok_end(struct core_wpg1_tok *t, struct core_err *err);
/* Copy the reading state of src into dst (both initialised). */
enum core_code	core_wpg1_tok_copy(struct core_wpg1_tok *dst,
		    const struct core_wpg1_tok *src);

/*
 * Trial mode of a detector (wpg1.c), for the embedder: begin saves the
 * reading state; the text fed next counts, for the first key, only pairs
 * not yet in the detector's set, in counts of its own; end takes the text as
 * ended there, hands back those counts and restores the saved state.
 */
struct core_wpg1;
enum core_code	core_wpg1_trial_begin(struct core_wpg1 *d);
enum core_code	core_wpg1_trial_end(struct core_wpg1 *d, uint64_t *green,
		    uint64_t *T, struct core_err *err);

#endif

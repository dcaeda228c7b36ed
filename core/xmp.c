/* xmp.c: XMP packets and C2PA manifest stores in JPEG, PNG, WebP and PDF. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/intl.h"
#include "core/safetext.h"
#include "core/xmp.h"

#define XMP_NS_IPTCEXT	"http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
#define XMP_NS_XMP	"http://ns.adobe.com/xap/1.0/"
#define XMP_NS_DCTERMS	"http://purl.org/dc/terms/"
#define XMP_NS_RDF	"http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define XMP_DST_IRI	"cv.iptc.org/newscodes/digitalsourcetype/"
#define XMP_MAX_PACKETS	64
#define XMP_MAX_NODES	100000

/*
 * The IPTC Digital Source Type vocabulary (NewsCodes "digitalsourcetype",
 * release of 2024), described in plain words.
 */
static const struct core_dst xmp_dst[] = {
	{ "digitalCapture", N_("Digital capture"),
	  N_("captured from real life with a digital camera or recorder"),
	  CORE_DST_AI_NO, 0 },
	{ "computationalCapture", N_("Computational capture"),
	  N_("several frames captured from real life and merged by the device "
	  "(for example HDR), without generative AI"),
	  CORE_DST_AI_NO, 0 },
	{ "negativeFilm", N_("Digitised from a negative"),
	  N_("scanned from a film negative"), CORE_DST_AI_NO, 0 },
	{ "positiveFilm", N_("Digitised from a positive"),
	  N_("scanned from a slide or other positive film"), CORE_DST_AI_NO, 0 },
	{ "print", N_("Digitised from a print"),
	  N_("scanned from a print on paper or another opaque medium"),
	  CORE_DST_AI_NO, 0 },
	{ "minorHumanEdits", N_("Minor human edits"),
	  N_("a capture with minor corrections by a person"),
	  CORE_DST_AI_NO, 1 },
	{ "humanEdits", N_("Human edits"),
	  N_("edited by a person with tools that are not generative AI"),
	  CORE_DST_AI_NO, 0 },
	{ "algorithmicallyEnhanced", N_("Algorithmically enhanced"),
	  N_("corrected by software, such as sharpening or noise reduction, "
	  "without changing what it shows and without generative AI"),
	  CORE_DST_AI_NO, 0 },
	{ "softwareImage", N_("Software image"),
	  N_("made by software; this older term does not say whether AI was "
	  "used"), CORE_DST_AI_MAYBE, 1 },
	{ "digitalArt", N_("Digital art"),
	  N_("made by a person with digital tools"), CORE_DST_AI_NO, 0 },
	{ "digitalCreation", N_("Digital creation"),
	  N_("made by a person with digital tools (an older term)"),
	  CORE_DST_AI_NO, 1 },
	{ "dataDrivenMedia", N_("Data-driven media"),
	  N_("drawn from data by a program, such as a chart or a map"),
	  CORE_DST_AI_NO, 0 },
	{ "trainedAlgorithmicMedia", N_("Trained algorithmic media"),
	  N_("made by a generative AI model"), CORE_DST_AI_ALL, 0 },
	{ "algorithmicMedia", N_("Algorithmic media"),
	  N_("made by a program from rules or formulas, not by a model trained "
	  "on examples"), CORE_DST_AI_NO, 0 },
	{ "screenCapture", N_("Screen capture"),
	  N_("a capture of what a computer or phone screen showed"),
	  CORE_DST_AI_NO, 0 },
	{ "virtualRecording", N_("Virtual recording"),
	  N_("a recording of a virtual event, such as a game or a virtual "
	  "world"), CORE_DST_AI_MAYBE, 0 },
	{ "composite", N_("Composite"),
	  N_("put together from several pieces of media; the term does not say "
	  "how each piece was made"), CORE_DST_AI_MAYBE, 0 },
	{ "compositeCapture", N_("Composite of captures"),
	  N_("put together from several pieces, all captured from real life"),
	  CORE_DST_AI_NO, 0 },
	{ "compositeSynthetic", N_("Composite with synthetic elements"),
	  N_("put together from several pieces, at least one of them made by "
	  "a computer"), CORE_DST_AI_MAYBE, 0 },
	{ "compositeWithTrainedAlgorithmicMedia",
	  N_("Composite with generative AI"),
	  N_("partly made by a generative AI model: other media combined with "
	  "AI-generated parts, such as filled-in or extended areas"),
	  CORE_DST_AI_PART, 0 },
	{ NULL, NULL, NULL, CORE_DST_AI_MAYBE, 0 }
};

/* The vocabulary table. */
const struct core_dst *
core_dst_all(void)
{
	return xmp_dst;
}

/* A vocabulary entry by IRI, QCode or term. */
const struct core_dst *
core_dst_lookup(const char *value)
{
	const char	*term = value, *p;
	size_t		 i, n;

	if (value == NULL)
		return NULL;
	if ((p = strstr(value, XMP_DST_IRI)) != NULL &&
	    (strncmp(value, "http://", 7) == 0 ||
	    strncmp(value, "https://", 8) == 0) &&
	    p == value + (value[4] == 's' ? 8 : 7))
		term = p + strlen(XMP_DST_IRI);
	else if (strncmp(value, "digsrctype:", 11) == 0)
		term = value + 11;
	n = strlen(term);
	for (i = 0; xmp_dst[i].term != NULL; i++)
		if (strlen(xmp_dst[i].term) == n &&
		    memcmp(xmp_dst[i].term, term, n) == 0)
			return &xmp_dst[i];
	return NULL;
}

/* A format's name, marked for translation. */
const char *
core_media_format_name(enum core_media_format f)
{
	switch (f) {
	case CORE_MEDIA_JPEG:
		return N_("JPEG image");
	case CORE_MEDIA_PNG:
		return N_("PNG image");
	case CORE_MEDIA_WEBP:
		return N_("WebP image");
	case CORE_MEDIA_PDF:
		return N_("PDF document");
	case CORE_MEDIA_XMP:
		return N_("XMP metadata file");
	default:
		return N_("unknown format");
	}
}

/* Release the values kept in info. */
void
core_media_info_free(struct core_media_info *info)
{
	if (info == NULL)
		return;
	core_free(info->source_type);
	core_free(info->creator_tool);
	core_free(info->ai_system);
	core_free(info->c2pa_remote);
	info->source_type = info->creator_tool = NULL;
	info->ai_system = info->c2pa_remote = NULL;
}

/* A 32-bit big-endian number. */
static uint32_t
xmp_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* A 32-bit little-endian number. */
static uint32_t
xmp_le32(const unsigned char *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

/* Where needle first occurs in hay[0..len), or NULL. */
static const unsigned char *
xmp_find(const unsigned char *hay, size_t len, const char *needle)
{
	size_t			 n = strlen(needle);
	const unsigned char	*p = hay, *end = hay + len;

	while (n > 0 && (size_t)(end - p) >= n) {
		p = memchr(p, needle[0], (size_t)(end - p) - n + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* Is this JUMBF superbox a C2PA manifest store (by UUID or label)? */
int
core_jumbf_is_c2pa(const unsigned char *p, size_t len)
{
	/* UUID of a C2PA manifest store: "c2pa" 0011-0010-8000-00AA00389B71 */
	static const unsigned char uuid[16] = { 0x63, 0x32, 0x70, 0x61, 0x00,
	    0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71 };
	size_t	hdr = 8, dlen, i;

	if (len < 8 || memcmp(p + 4, "jumb", 4) != 0)
		return 0;
	if (xmp_be32(p) == 1)
		hdr = 16;			/* 64-bit XLBox */
	if (len < hdr + 8 + 17)
		return 0;
	p += hdr;
	len -= hdr;
	dlen = xmp_be32(p);
	if (memcmp(p + 4, "jumd", 4) != 0 || dlen < 8 + 17)
		return 0;
	if (dlen > len)
		dlen = len;
	if (memcmp(p + 8, uuid, sizeof uuid) == 0)
		return 1;
	/* Otherwise, a label "c2pa" (toggles bit 1: a label follows). */
	if ((p[24] & 0x02) == 0)
		return 0;
	for (i = 25; i < dlen && p[i] != '\0'; i++)
		;
	return i < dlen && i - 25 == 4 && memcmp(p + 25, "c2pa", 4) == 0;
}

/* Copy a value, bounded and with invalid UTF-8 repaired, trimmed. */
static enum core_code
xmp_keep(char **dst, const char *v, size_t len)
{
	struct core_buf	b;
	enum core_code	rc;
	size_t		cut;

	while (len > 0 && (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' ||
	    v[len - 1] == '\n' || v[len - 1] == '\r'))
		len--;
	if (len > CORE_XMP_MAX_VALUE) {
		/* Cut on a character boundary. */
		cut = CORE_XMP_MAX_VALUE;
		while (cut > 0 && ((unsigned char)v[cut] & 0xc0) == 0x80)
			cut--;
		len = cut;
	}
	core_buf_init(&b, CORE_XMP_MAX_VALUE * 3 + 4);
	if ((rc = core_utf8_repair(&b, v, len)) == CORE_OK)
		rc = core_buf_add(&b, "", 0);
	if (rc == CORE_OK)
		*dst = (char *)core_buf_take(&b, NULL);
	core_buf_free(&b);
	return rc;
}

/* Gather the text children of n into b; text past b's ceiling is left
 * out (values are cut anyway). */
static enum core_code
xmp_text(xmlNode *n, struct core_buf *b)
{
	enum core_code	 rc = CORE_OK;
	xmlNode		*c;
	size_t		 room;

	for (c = n->children; c != NULL && rc == CORE_OK; c = c->next) {
		if ((c->type != XML_TEXT_NODE &&
		    c->type != XML_CDATA_SECTION_NODE) || c->content == NULL)
			continue;
		room = b->max - b->len;
		rc = core_buf_add(b, c->content,
		    strnlen((const char *)c->content, room));
	}
	return rc;
}

/* Is n the element or attribute ns:local? */
static int
xmp_is(const xmlNs *ns, const xmlChar *name, const char *href,
    const char *local)
{
	return ns != NULL && ns->href != NULL && name != NULL &&
	    strcmp((const char *)ns->href, href) == 0 &&
	    strcmp((const char *)name, local) == 0;
}

/* The value of a property element: rdf:resource, the first item of an
 * rdf:Alt, rdf:Seq or rdf:Bag, or its text. */
static enum core_code
xmp_value(xmlNode *el, char **out)
{
	struct core_buf	 b;
	enum core_code	 rc = CORE_OK;
	xmlNode		*c, *li;
	xmlChar		*res;

	*out = NULL;
	res = xmlGetNsProp(el, (const xmlChar *)"resource",
	    (const xmlChar *)XMP_NS_RDF);
	if (res != NULL) {
		rc = xmp_keep(out, (const char *)res, strlen((const char *)res));
		xmlFree(res);
		return rc;
	}
	core_buf_init(&b, CORE_XMP_MAX_VALUE * 4);
	for (c = el->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmp_is(c->ns, c->name, XMP_NS_RDF, "Alt") ||
		    xmp_is(c->ns, c->name, XMP_NS_RDF, "Seq") ||
		    xmp_is(c->ns, c->name, XMP_NS_RDF, "Bag")) {
			for (li = c->children; li != NULL; li = li->next)
				if (li->type == XML_ELEMENT_NODE &&
				    xmp_is(li->ns, li->name, XMP_NS_RDF, "li"))
					break;
			if (li != NULL)
				rc = xmp_text(li, &b);
		}
		break;
	}
	if (c == NULL)
		rc = xmp_text(el, &b);
	if (rc == CORE_OK)
		rc = xmp_keep(out, core_buf_str(&b), b.len);
	core_buf_free(&b);
	return rc;
}

/* Take a property's value into info: the first value of each wins. */
static enum core_code
xmp_take(struct core_media_info *info, const xmlNs *ns, const xmlChar *name,
    const char *v, xmlNode *el)
{
	char		**dst = NULL, *val = NULL;
	enum core_code	  rc = CORE_OK;
	int		  dst_prop = 0;

	if (xmp_is(ns, name, XMP_NS_IPTCEXT, "DigitalSourceType")) {
		dst = &info->source_type;
		dst_prop = 1;
	} else if (xmp_is(ns, name, XMP_NS_XMP, "CreatorTool"))
		dst = &info->creator_tool;
	else if (xmp_is(ns, name, XMP_NS_IPTCEXT, "AISystemUsed"))
		dst = &info->ai_system;
	else if (xmp_is(ns, name, XMP_NS_DCTERMS, "provenance"))
		dst = &info->c2pa_remote;
	if (dst == NULL)
		return CORE_OK;
	if (v != NULL)
		rc = xmp_keep(&val, v, strlen(v));
	else
		rc = xmp_value(el, &val);
	if (rc != CORE_OK || val == NULL)
		goto out;
	if (val[0] == '\0')
		goto out;
	if (*dst == NULL) {
		*dst = val;
		val = NULL;
		if (dst_prop)
			info->dst = core_dst_lookup(info->source_type);
	} else if (dst_prop && strcmp(*dst, val) != 0)
		info->source_conflict = 1;
out:
	core_free(val);
	return rc;
}

/* Walk the parsed packet, without recursion, for the properties we report:
 * as elements, and as attributes of rdf:Description. */
static enum core_code
xmp_walk(xmlNode *root, struct core_media_info *info)
{
	enum core_code	 rc = CORE_OK;
	xmlNode		*n = root;
	xmlAttr		*a;
	xmlChar		*v;
	size_t		 count = 0;

	while (n != NULL && rc == CORE_OK) {
		if (n->type == XML_ELEMENT_NODE) {
			if (++count > XMP_MAX_NODES)
				return CORE_E_TOO_LARGE;
			rc = xmp_take(info, n->ns, n->name, NULL, n);
			for (a = n->properties; a != NULL && rc == CORE_OK;
			    a = a->next) {
				if (a->ns == NULL)
					continue;
				v = xmlNodeGetContent((xmlNode *)a);
				if (v == NULL)
					continue;
				rc = xmp_take(info, a->ns, a->name,
				    (const char *)v, NULL);
				xmlFree(v);
			}
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
	return rc;
}

/* Errors of the parser stay with it: nothing is printed. */
static void
xmp_sax_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* A document type declaration: stop (errNo becomes XML_ERR_USER_STOP);
 * the packet is refused. */
static void
xmp_sax_subset(void *ctx, const xmlChar *name, const xmlChar *ext,
    const xmlChar *sys)
{
	(void)name;
	(void)ext;
	(void)sys;
	xmlStopParser(ctx);
}

/* An entity declaration (reached only if a subset slipped by): stop. */
static void
xmp_sax_entity(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
    const xmlChar *sys, xmlChar *content)
{
	(void)name;
	(void)type;
	(void)pub;
	(void)sys;
	(void)content;
	xmlStopParser(ctx);
}

/* Parse one XMP packet safely and take what it says into info. */
enum core_code
core_xmp_parse(const char *xml, size_t len, struct core_media_info *info,
    struct core_err *err)
{
	xmlParserCtxtPtr	 ctxt = NULL;
	xmlDocPtr		 doc = NULL;
	enum core_code		 rc;

	if (len > CORE_XMP_MAX_PACKET) {
		rc = core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "XMP packet of %zu bytes", len);
		goto out;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		rc = CORE_E_NOMEM;
		goto out;
	}
	ctxt->sax->internalSubset = xmp_sax_subset;
	ctxt->sax->entityDecl = xmp_sax_entity;
	ctxt->sax->serror = xmp_sax_error;
	ctxt->sax->warning = NULL;
	ctxt->sax->error = NULL;
	ctxt->sax->fatalError = NULL;
	doc = xmlCtxtReadMemory(ctxt, xml, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (ctxt->errNo == XML_ERR_USER_STOP) {
		rc = core_err_set(err, CORE_E_XMP, CORE_NO_OFFSET,
		    "a document type declaration in XMP is refused");
		goto out;
	}
	if (doc == NULL || !ctxt->wellFormed) {
		rc = core_err_set(err, CORE_E_XMP, CORE_NO_OFFSET,
		    "not well-formed XML (line %d)", ctxt->input != NULL ?
		    ctxt->input->line : 0);
		goto out;
	}
	rc = xmp_walk(xmlDocGetRootElement(doc), info);
	if (rc == CORE_E_TOO_LARGE)
		core_err_set(err, rc, CORE_NO_OFFSET, "too many XMP elements");
out:
	if (doc != NULL)
		xmlFreeDoc(doc);
	if (ctxt != NULL)
		xmlFreeParserCtxt(ctxt);
	return rc;
}

/* Parse one packet found in a file; a bad one is counted, not fatal. */
static enum core_code
xmp_packet(struct core_media_info *info, const unsigned char *p, size_t len)
{
	struct core_err	e;
	enum core_code	rc;

	core_err_clear(&e);
	if (info->xmp_packets + info->xmp_bad >= XMP_MAX_PACKETS)
		return CORE_OK;
	rc = core_xmp_parse((const char *)p, len, info, &e);
	if (rc == CORE_OK) {
		info->xmp_packets++;
		return CORE_OK;
	}
	if (rc == CORE_E_NOMEM)
		return rc;
	if (info->xmp_bad++ == 0)
		info->xmp_err = e;
	return CORE_OK;
}

/* JPEG: walk the marker segments up to the start of scan. */
static enum core_code
xmp_jpeg(const unsigned char *d, size_t len, struct core_media_info *info)
{
	static const char	 xap[] = "http://ns.adobe.com/xap/1.0/";
	enum core_code		 rc = CORE_OK;
	size_t			 pos = 2, seg;
	const unsigned char	*pl;
	unsigned char		 m;

	for (;;) {
		if (pos + 2 > len) {
			info->damaged = 1;
			break;
		}
		if (d[pos] != 0xff) {
			info->damaged = 1;
			break;
		}
		m = d[pos + 1];
		if (m == 0xff) {		/* fill byte */
			pos++;
			continue;
		}
		if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7)) {
			pos += 2;
			continue;
		}
		if (m == 0xda || m == 0xd9)	/* start of scan, end of image */
			break;
		if (pos + 4 > len) {
			info->damaged = 1;
			break;
		}
		seg = (size_t)d[pos + 2] << 8 | d[pos + 3];
		if (seg < 2 || seg > len - pos - 2) {
			info->damaged = 1;
			break;
		}
		pl = d + pos + 4;
		seg -= 2;
		if (m == 0xe1 && seg > sizeof xap &&
		    memcmp(pl, xap, sizeof xap) == 0)
			rc = xmp_packet(info, pl + sizeof xap, seg - sizeof xap);
		else if (m == 0xeb && seg >= 8 && pl[0] == 'J' && pl[1] == 'P' &&
		    core_jumbf_is_c2pa(pl + 8, seg - 8))
			info->c2pa = 1;
		if (rc != CORE_OK)
			break;
		pos += 4 + seg;
	}
	return rc;
}

/* PNG: iTXt "XML:com.adobe.xmp" and caBX. */
static enum core_code
xmp_png(const unsigned char *d, size_t len, struct core_media_info *info)
{
	static const char	 key[] = "XML:com.adobe.xmp";
	enum core_code		 rc = CORE_OK;
	size_t			 pos = 8, clen, i;
	const unsigned char	*c;

	while (rc == CORE_OK) {
		if (pos + 12 > len) {
			info->damaged = pos != len;
			break;
		}
		clen = xmp_be32(d + pos);
		if (clen > len - pos - 12) {
			info->damaged = 1;
			break;
		}
		c = d + pos + 8;
		if (memcmp(d + pos + 4, "iTXt", 4) == 0 && clen > sizeof key + 2 &&
		    memcmp(c, key, sizeof key) == 0) {
			/* keyword NUL, compression flag and method, language
			 * tag NUL, translated keyword NUL, text */
			i = sizeof key + 2;
			if (c[sizeof key] != 0) {
				info->xmp_unread++;
			} else {
				while (i < clen && c[i] != '\0')
					i++;
				for (i++; i < clen && c[i] != '\0'; i++)
					;
				if (++i <= clen)
					rc = xmp_packet(info, c + i, clen - i);
			}
		} else if (memcmp(d + pos + 4, "caBX", 4) == 0)
			info->c2pa = 1;
		else if (memcmp(d + pos + 4, "IEND", 4) == 0)
			break;
		pos += 12 + clen;
	}
	return rc;
}

/* WebP: RIFF chunks "XMP " and "C2PA". */
static enum core_code
xmp_webp(const unsigned char *d, size_t len, struct core_media_info *info)
{
	enum core_code	rc = CORE_OK;
	size_t		pos = 12, clen, end;

	end = (size_t)xmp_le32(d + 4);
	if (end > len - 8)
		info->damaged = 1;
	end = end < len - 8 ? end + 8 : len;
	while (rc == CORE_OK && pos + 8 <= end) {
		clen = xmp_le32(d + pos + 4);
		if (clen > end - pos - 8) {
			info->damaged = 1;
			break;
		}
		if (memcmp(d + pos, "XMP ", 4) == 0)
			rc = xmp_packet(info, d + pos + 8, clen);
		else if (memcmp(d + pos, "C2PA", 4) == 0)
			info->c2pa = 1;
		pos += 8 + clen + (clen & 1);
	}
	if (pos < end && pos + 8 > end)
		info->damaged = 1;
	return rc;
}

/* PDF: is there a metadata stream with a filter (compressed), or an object
 * stream that recourse does not read? */
static int
xmp_pdf_compressed(const unsigned char *d, size_t len)
{
	const unsigned char	*p = d, *q, *obj, *stream;
	size_t			 back, count = 0;

	if (xmp_find(d, len, "/ObjStm") != NULL)
		return 1;
	while ((p = xmp_find(p, len - (size_t)(p - d), "/Metadata")) != NULL) {
		/* Past this many, assume the worst rather than keep looking. */
		if (++count > XMP_MAX_PACKETS)
			return 1;
		/* Only "/Type /Metadata", not the catalog's reference. */
		q = p;
		while (q > d && (q[-1] == ' ' || q[-1] == '\r' || q[-1] == '\n'))
			q--;
		if (q - d >= 5 && memcmp(q - 5, "/Type", 5) == 0) {
			back = (size_t)(q - d) < 4096 ? (size_t)(q - d) : 4096;
			obj = q - back;
			while ((q = xmp_find(obj, (size_t)(p - obj), " obj")) != NULL)
				obj = q + 4;
			stream = xmp_find(p, len - (size_t)(p - d) < 4096 ?
			    len - (size_t)(p - d) : 4096, "stream");
			if (stream == NULL)
				stream = p;
			if (xmp_find(obj, (size_t)(stream - obj), "/Filter") != NULL)
				return 1;
		}
		p += 9;
	}
	return 0;
}

/* PDF: packets in uncompressed streams, and C2PA attachments. */
static enum core_code
xmp_pdf(const unsigned char *d, size_t len, struct core_media_info *info)
{
	enum core_code		 rc = CORE_OK;
	const unsigned char	*p = d, *a, *b, *start, *end;

	/* The next start of each kind; each is searched for again only once
	 * the walk has passed it, so that the scan stays linear. */
	a = xmp_find(d, len, "<?xpacket begin");
	b = xmp_find(d, len, "<x:xmpmeta");
	while (rc == CORE_OK && (a != NULL || b != NULL)) {
		if (a != NULL && (b == NULL || a < b)) {
			start = a;
			end = xmp_find(a, len - (size_t)(a - d), "<?xpacket end");
			if (end != NULL)
				end = xmp_find(end, len - (size_t)(end - d), "?>");
			if (end != NULL)
				end += 2;
		} else {
			start = b;
			end = xmp_find(b, len - (size_t)(b - d), "</x:xmpmeta>");
			if (end != NULL)
				end += 12;
		}
		if (end == NULL) {
			info->damaged = 1;
			break;
		}
		rc = xmp_packet(info, start, (size_t)(end - start));
		p = end;
		if (a != NULL && a < p)
			a = xmp_find(p, len - (size_t)(p - d), "<?xpacket begin");
		if (b != NULL && b < p)
			b = xmp_find(p, len - (size_t)(p - d), "<x:xmpmeta");
	}
	if (xmp_find(d, len, "C2PA_Manifest") != NULL ||
	    xmp_find(d, len, "application#2Fc2pa") != NULL ||
	    xmp_find(d, len, "application#2fc2pa") != NULL)
		info->c2pa = 1;
	info->pdf_compressed = xmp_pdf_compressed(d, len);
	return rc;
}

/* Does the text look like a bare XMP packet? */
static int
xmp_is_bare(const unsigned char *d, size_t len)
{
	size_t	n = len < 4096 ? len : 4096;

	return xmp_find(d, n, "<x:xmpmeta") != NULL ||
	    xmp_find(d, n, "<?xpacket") != NULL ||
	    xmp_find(d, n, "<rdf:RDF") != NULL;
}

/* Recognise a file's format and walk it for XMP and C2PA. */
enum core_code
core_media_inspect(const unsigned char *data, size_t len,
    struct core_media_info *info, struct core_err *err)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };
	enum core_code	rc;
	size_t		n;

	memset(info, 0, sizeof *info);
	core_err_clear(&info->xmp_err);
	if (len > CORE_MEDIA_MAX_FILE)
		return core_err_set(err, CORE_E_TOO_LARGE, CORE_NO_OFFSET,
		    "file of %zu bytes", len);
	n = len < 1024 ? len : 1024;
	if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff) {
		info->format = CORE_MEDIA_JPEG;
		rc = xmp_jpeg(data, len, info);
	} else if (len >= 8 && memcmp(data, png, 8) == 0) {
		info->format = CORE_MEDIA_PNG;
		rc = xmp_png(data, len, info);
	} else if (len >= 12 && memcmp(data, "RIFF", 4) == 0 &&
	    memcmp(data + 8, "WEBP", 4) == 0) {
		info->format = CORE_MEDIA_WEBP;
		rc = xmp_webp(data, len, info);
	} else if (xmp_find(data, n, "%PDF-") != NULL) {
		info->format = CORE_MEDIA_PDF;
		rc = xmp_pdf(data, len, info);
	} else if (xmp_is_bare(data, len)) {
		info->format = CORE_MEDIA_XMP;
		rc = xmp_packet(info, data, len);
	} else
		return core_err_set(err, CORE_E_UNSUPPORTED, CORE_NO_OFFSET,
		    "not a JPEG, PNG, WebP, PDF or XMP file");
	if (rc != CORE_OK)
		core_err_set(err, rc, CORE_NO_OFFSET, "inspecting the file");
	return rc;
}

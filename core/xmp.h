/*
 * xmp.h: provenance metadata of media files (IPTC digital source type in
 * XMP, and whether a C2PA manifest store is present).
 *
 * core_media_inspect() finds the XMP packets and C2PA manifest stores of a
 * file held in memory:
 *  - JPEG: APP1 segments "http://ns.adobe.com/xap/1.0/\0" (XMP); APP11
 *    segments "JP" holding a JUMBF box labelled "c2pa" (C2PA);
 *  - PNG: iTXt chunks with keyword "XML:com.adobe.xmp" (compressed ones are
 *    noted, not read); the caBX chunk (C2PA);
 *  - WebP: the RIFF chunks "XMP " and "C2PA";
 *  - PDF: <?xpacket ... ?> and <x:xmpmeta> packets in uncompressed streams;
 *    a metadata stream with a /Filter, or object streams, are noted as
 *    possibly holding metadata that was not read (recourse does not
 *    decompress); an embedded file of type application/c2pa, or an
 *    associated file with relationship C2PA_Manifest, counts as a C2PA
 *    manifest store;
 *  - bare XMP (an .xmp sidecar).
 * JPEG extended XMP (the "http://ns.adobe.com/xmp/extension/" segments) is
 * not read.
 *
 * Each packet is parsed with libxml2's XML parser: no network
 * (XML_PARSE_NONET), no entity substitution (no XML_PARSE_NOENT), no DTD
 * loading; a packet with a document type declaration (where entities would
 * be declared) is refused.  Sizes are bounded: CORE_MEDIA_MAX_FILE for the
 * file, CORE_XMP_MAX_PACKET per packet, CORE_XMP_MAX_VALUE per value.
 *
 * Nothing here is verified.  XMP is not signed: whoever last saved the file
 * could write anything in it.  recourse does not verify C2PA signatures: it
 * only says whether a manifest store is present.
 *
 * Values are kept as the file holds them (bounded, valid UTF-8, but not
 * sanitised): pass them through core_safetext() before showing them.
 */
#ifndef RECOURSE_CORE_XMP_H
#define RECOURSE_CORE_XMP_H

#include <stddef.h>

#include "core/error.h"

#define CORE_MEDIA_MAX_FILE	(256 * 1024 * 1024)
#define CORE_XMP_MAX_PACKET	(4 * 1024 * 1024)
#define CORE_XMP_MAX_VALUE	1024

enum core_media_format {
	CORE_MEDIA_UNKNOWN = 0,
	CORE_MEDIA_JPEG,
	CORE_MEDIA_PNG,
	CORE_MEDIA_WEBP,
	CORE_MEDIA_PDF,
	CORE_MEDIA_XMP
};

/* Does a digital source type say generative AI made the media? */
enum core_dst_ai {
	CORE_DST_AI_NO = 0,	/* no generative AI involved */
	CORE_DST_AI_MAYBE,	/* the term does not say */
	CORE_DST_AI_PART,	/* partly made by generative AI */
	CORE_DST_AI_ALL		/* made by generative AI */
};

/* A term of the IPTC Digital Source Type vocabulary
 * (http://cv.iptc.org/newscodes/digitalsourcetype/). */
struct core_dst {
	const char		*term;		/* e.g. "trainedAlgorithmicMedia" */
	const char		*name;		/* N_(): a short name */
	const char		*description;	/* N_(): in plain words */
	enum core_dst_ai	 ai;
	int			 retired;	/* retired by IPTC, still valid */
};

/* What was found in one file. */
struct core_media_info {
	enum core_media_format	 format;
	unsigned		 xmp_packets;	/* packets parsed */
	unsigned		 xmp_bad;	/* packets refused or unparsable */
	unsigned		 xmp_unread;	/* compressed packets not read */
	int			 pdf_compressed; /* PDF: metadata may be compressed */
	int			 damaged;	/* the structure broke off early */
	int			 c2pa;		/* a C2PA manifest store is present */
	char			*source_type;	/* Iptc4xmpExt:DigitalSourceType */
	const struct core_dst	*dst;		/* its vocabulary entry, or NULL */
	int			 source_conflict; /* packets disagree */
	char			*creator_tool;	/* xmp:CreatorTool */
	char			*ai_system;	/* Iptc4xmpExt:AISystemUsed */
	char			*c2pa_remote;	/* dcterms:provenance (a URL) */
	struct core_err		 xmp_err;	/* why the first bad packet was */
};

/*
 * Inspect the file data[0..len).  Returns CORE_OK when the file's format was
 * recognised and walked (info says what was found, possibly nothing; a
 * structure that breaks off sets damaged and ends the walk there);
 * CORE_E_UNSUPPORTED for a format that is none of the above,
 * CORE_E_TOO_LARGE, CORE_E_NOMEM.  A packet that cannot be parsed does not
 * fail the file: it is counted in xmp_bad.
 * Free info with core_media_info_free() whatever the result.
 */
enum core_code	 core_media_inspect(const unsigned char *data, size_t len,
		     struct core_media_info *info, struct core_err *err);

/*
 * Parse one XMP packet and merge what it says into info (the first value of
 * each property wins; a different digital source type in a later packet
 * sets source_conflict).  CORE_E_XMP: not well-formed XML, or it has a
 * document type declaration; CORE_E_TOO_LARGE; CORE_E_NOMEM.
 */
enum core_code	 core_xmp_parse(const char *xml, size_t len,
		     struct core_media_info *info, struct core_err *err);

/* Does the JUMBF box at p[0..len) describe a C2PA manifest store? */
int		 core_jumbf_is_c2pa(const unsigned char *p, size_t len);

/*
 * The vocabulary entry of a digital source type given as a full IRI
 * (http or https, cv.iptc.org/newscodes/digitalsourcetype/TERM), a QCode
 * (digsrctype:TERM) or a bare term; NULL when it is not in the vocabulary.
 */
const struct core_dst	*core_dst_lookup(const char *value);

/* The whole vocabulary, ending with an entry whose term is NULL. */
const struct core_dst	*core_dst_all(void);

/* Name of a format, N_(). */
const char	*core_media_format_name(enum core_media_format f);

void		 core_media_info_free(struct core_media_info *info);

#endif

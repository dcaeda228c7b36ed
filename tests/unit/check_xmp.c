/* check_xmp.c: XMP packets and C2PA manifest stores in media files. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/xmp.h"

#define IRI "http://cv.iptc.org/newscodes/digitalsourcetype/"

/* A packet with a digital source type and a creator tool as attributes. */
#define PACKET_ATTR(dst, tool) \
	"<?xpacket begin='\xef\xbb\xbf' id='W5M0MpCehiHzreSzNTczkc9d'?>" \
	"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF " \
	"xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>" \
	"<rdf:Description rdf:about='' " \
	"xmlns:Iptc4xmpExt='http://iptc.org/std/Iptc4xmpExt/2008-02-29/' " \
	"xmlns:xmp='http://ns.adobe.com/xap/1.0/' " \
	"Iptc4xmpExt:DigitalSourceType='" dst "' xmp:CreatorTool='" tool "'/>" \
	"</rdf:RDF></x:xmpmeta><?xpacket end='w'?>"

/* The same as elements, and more properties. */
#define PACKET_ELEM(dst, tool) \
	"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF " \
	"xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>" \
	"<rdf:Description rdf:about='' " \
	"xmlns:Iptc4xmpExt='http://iptc.org/std/Iptc4xmpExt/2008-02-29/' " \
	"xmlns:xmp='http://ns.adobe.com/xap/1.0/' " \
	"xmlns:dcterms='http://purl.org/dc/terms/'>" \
	"<Iptc4xmpExt:DigitalSourceType>\n  " dst "\n</Iptc4xmpExt:DigitalSourceType>" \
	"<xmp:CreatorTool>" tool "</xmp:CreatorTool>" \
	"<Iptc4xmpExt:AISystemUsed><rdf:Alt><rdf:li xml:lang='x-default'>" \
	"Model One</rdf:li><rdf:li xml:lang='fr'>Modele Un</rdf:li></rdf:Alt>" \
	"</Iptc4xmpExt:AISystemUsed>" \
	"<dcterms:provenance rdf:resource='https://c2pa.example/m/1'/>" \
	"</rdf:Description></rdf:RDF></x:xmpmeta>"

/* Parse one packet into a fresh info; returns the code. */
static enum core_code
parse(const char *xml, struct core_media_info *info)
{
	struct core_err	err;

	memset(info, 0, sizeof *info);
	return core_xmp_parse(xml, strlen(xml), info, &err);
}

START_TEST(test_vocabulary)
{
	const struct core_dst	*all = core_dst_all(), *d;
	size_t			 i, j, n = 0;

	for (i = 0; all[i].term != NULL; i++) {
		n++;
		ck_assert_uint_gt(strlen(all[i].name), 0);
		ck_assert_uint_gt(strlen(all[i].description), 10);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(all[i].term, all[j].term);
		ck_assert_ptr_eq(core_dst_lookup(all[i].term), &all[i]);
	}
	ck_assert_uint_eq(n, 20);
	d = core_dst_lookup(IRI "trainedAlgorithmicMedia");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->description, "made by a generative AI model");
	ck_assert_int_eq(d->ai, CORE_DST_AI_ALL);
	d = core_dst_lookup("https://cv.iptc.org/newscodes/digitalsourcetype/"
	    "compositeWithTrainedAlgorithmicMedia");
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(d->ai, CORE_DST_AI_PART);
	d = core_dst_lookup("digsrctype:digitalCapture");
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(d->ai, CORE_DST_AI_NO);
	ck_assert_int_eq(core_dst_lookup("softwareImage")->retired, 1);
	ck_assert_int_eq(core_dst_lookup("minorHumanEdits")->retired, 1);
	ck_assert_int_eq(core_dst_lookup("compositeSynthetic")->ai,
	    CORE_DST_AI_MAYBE);
	/* Near misses are not terms. */
	ck_assert_ptr_null(core_dst_lookup(IRI "trainedAlgorithmicMediaX"));
	ck_assert_ptr_null(core_dst_lookup(IRI "TrainedAlgorithmicMedia"));
	ck_assert_ptr_null(core_dst_lookup("http://evil.example/" "cv.iptc.org/"
	    "newscodes/digitalsourcetype/trainedAlgorithmicMedia"));
	ck_assert_ptr_null(core_dst_lookup(""));
	ck_assert_ptr_null(core_dst_lookup(NULL));
}
END_TEST

START_TEST(test_parse_forms)
{
	struct core_media_info	info;

	ck_assert_int_eq(parse(PACKET_ATTR(IRI "trainedAlgorithmicMedia",
	    "Example Diffusion"), &info), CORE_OK);
	ck_assert_str_eq(info.source_type, IRI "trainedAlgorithmicMedia");
	ck_assert_ptr_eq(info.dst, core_dst_lookup("trainedAlgorithmicMedia"));
	ck_assert_str_eq(info.creator_tool, "Example Diffusion");
	core_media_info_free(&info);

	ck_assert_int_eq(parse(PACKET_ELEM(IRI "digitalCapture", "Camera &amp; Co"),
	    &info), CORE_OK);
	ck_assert_str_eq(info.source_type, IRI "digitalCapture");	/* trimmed */
	ck_assert_str_eq(info.creator_tool, "Camera & Co");
	ck_assert_str_eq(info.ai_system, "Model One");
	ck_assert_str_eq(info.c2pa_remote, "https://c2pa.example/m/1");
	ck_assert_int_eq(info.source_conflict, 0);
	/* A second packet that disagrees is noted; the first value stays. */
	ck_assert_int_eq(core_xmp_parse(PACKET_ATTR(IRI "trainedAlgorithmicMedia",
	    "x"), strlen(PACKET_ATTR(IRI "trainedAlgorithmicMedia", "x")), &info,
	    NULL), CORE_OK);
	ck_assert_int_eq(info.source_conflict, 1);
	ck_assert_str_eq(info.source_type, IRI "digitalCapture");
	ck_assert_str_eq(info.creator_tool, "Camera & Co");
	core_media_info_free(&info);

	/* rdf:resource form, and a value that is not a term. */
	ck_assert_int_eq(parse("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/"
	    "22-rdf-syntax-ns#'><rdf:Description xmlns:I='http://iptc.org/std/"
	    "Iptc4xmpExt/2008-02-29/'><I:DigitalSourceType rdf:resource='"
	    IRI "made-up'/></rdf:Description></rdf:RDF>", &info), CORE_OK);
	ck_assert_str_eq(info.source_type, IRI "made-up");
	ck_assert_ptr_null(info.dst);
	core_media_info_free(&info);

	/* The right local name in the wrong namespace is not the property. */
	ck_assert_int_eq(parse("<r xmlns:I='http://example/'><I:DigitalSourceType>"
	    IRI "digitalCapture</I:DigitalSourceType></r>", &info), CORE_OK);
	ck_assert_ptr_null(info.source_type);
	core_media_info_free(&info);
}
END_TEST

START_TEST(test_parse_hostile)
{
	static const char billion[] =
	    "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'>"
	    "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
	    "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>"
	    "<!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>"
	    "<!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'>"
	    "<!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>"
	    "<!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'>]>"
	    "<x xmlns:xmp='http://ns.adobe.com/xap/1.0/' xmp:CreatorTool='&g;'/>";
	static const char xxe[] =
	    "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
	    "<x xmlns:xmp='http://ns.adobe.com/xap/1.0/'><xmp:CreatorTool>&e;"
	    "</xmp:CreatorTool></x>";
	static const char dtd_only[] =
	    "<!DOCTYPE x SYSTEM 'http://evil.example/x.dtd'><x/>";
	struct core_media_info	 info;
	struct core_err		 err;
	struct core_buf		 big;
	clock_t			 t0 = clock();
	size_t			 i;

	memset(&info, 0, sizeof info);
	ck_assert_int_eq(core_xmp_parse(billion, sizeof billion - 1, &info, &err),
	    CORE_E_XMP);
	ck_assert_ptr_nonnull(strstr(err.detail, "document type declaration"));
	ck_assert_ptr_null(info.creator_tool);
	ck_assert_int_eq(parse(xxe, &info), CORE_E_XMP);
	ck_assert_ptr_null(info.creator_tool);
	ck_assert_int_eq(parse(dtd_only, &info), CORE_E_XMP);
	ck_assert(clock() - t0 < 5 * CLOCKS_PER_SEC);
	/* Not well-formed: an unclosed element, a raw ESC, an undefined
	 * entity. */
	ck_assert_int_eq(parse("<x><y></x>", &info), CORE_E_XMP);
	ck_assert_int_eq(parse("<x xmlns:xmp='http://ns.adobe.com/xap/1.0/' "
	    "xmp:CreatorTool='a\x1b[2Jb'/>", &info), CORE_E_XMP);
	ck_assert_int_eq(parse("<x>&nosuch;</x>", &info), CORE_E_XMP);
	ck_assert_int_eq(parse("", &info), CORE_E_XMP);
	core_media_info_free(&info);

	/* A value longer than the cap is cut, on a character boundary. */
	core_buf_init(&big, 1 << 20);
	core_buf_adds(&big, "<x xmlns:xmp='http://ns.adobe.com/xap/1.0/' "
	    "xmp:CreatorTool='");
	for (i = 0; i < 3000; i++)
		core_buf_adds(&big, "\xc3\xa9");
	core_buf_adds(&big, "'/>");
	memset(&info, 0, sizeof info);
	ck_assert_int_eq(core_xmp_parse((const char *)big.data, big.len, &info,
	    NULL), CORE_OK);
	ck_assert_uint_le(strlen(info.creator_tool), CORE_XMP_MAX_VALUE);
	ck_assert_uint_eq(strlen(info.creator_tool) % 2, 0);
	core_media_info_free(&info);
	core_buf_free(&big);
	ck_assert_int_eq(core_xmp_parse("x", CORE_XMP_MAX_PACKET + 1, &info, &err),
	    CORE_E_TOO_LARGE);
}
END_TEST

/* An empty C2PA manifest store: jumb { jumd { UUID, toggles 3, "c2pa" } }. */
static size_t
jumbf_store(unsigned char *p, int good_uuid, const char *label)
{
	static const unsigned char uuid[16] = { 0x63, 0x32, 0x70, 0x61, 0x00,
	    0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71 };
	size_t	ll = strlen(label) + 1, dlen = 8 + 16 + 1 + ll;

	p[0] = p[1] = 0;
	p[2] = (unsigned char)((8 + dlen) >> 8);
	p[3] = (unsigned char)(8 + dlen);
	memcpy(p + 4, "jumb", 4);
	p[8] = p[9] = 0;
	p[10] = (unsigned char)(dlen >> 8);
	p[11] = (unsigned char)dlen;
	memcpy(p + 12, "jumd", 4);
	memcpy(p + 16, uuid, 16);
	if (!good_uuid)
		p[16] = 'x';
	p[32] = 0x03;
	memcpy(p + 33, label, ll);
	return 8 + dlen;
}

START_TEST(test_jumbf)
{
	unsigned char	b[128];
	size_t		n;

	n = jumbf_store(b, 1, "c2pa");
	ck_assert_int_eq(core_jumbf_is_c2pa(b, n), 1);
	n = jumbf_store(b, 0, "c2pa");
	ck_assert_int_eq(core_jumbf_is_c2pa(b, n), 1);	/* by its label */
	n = jumbf_store(b, 0, "other");
	ck_assert_int_eq(core_jumbf_is_c2pa(b, n), 0);
	n = jumbf_store(b, 1, "c2pa");
	ck_assert_int_eq(core_jumbf_is_c2pa(b, 20), 0);	/* cut short */
	memcpy(b + 4, "junk", 4);
	ck_assert_int_eq(core_jumbf_is_c2pa(b, n), 0);
}
END_TEST

/* Append a JPEG marker segment. */
static void
jpeg_seg(struct core_buf *b, unsigned char m, const void *p, size_t n)
{
	core_buf_addc(b, 0xff);
	core_buf_addc(b, m);
	core_buf_addc(b, (unsigned char)((n + 2) >> 8));
	core_buf_addc(b, (unsigned char)(n + 2));
	core_buf_add(b, p, n);
}

/* Inspect the buffer b. */
static enum core_code
inspect(const struct core_buf *b, struct core_media_info *info)
{
	struct core_err	err;

	return core_media_inspect(b->data, b->len, info, &err);
}

START_TEST(test_jpeg)
{
	static const char	 pkt[] = PACKET_ATTR(IRI "trainedAlgorithmicMedia",
	    "Gen");
	struct core_media_info	 info;
	struct core_buf		 b, seg;
	unsigned char		 box[128];
	size_t			 n;

	core_buf_init(&b, 1 << 20);
	core_buf_init(&seg, 1 << 20);
	core_buf_add(&b, "\xff\xd8", 2);
	jpeg_seg(&b, 0xe0, "JFIF\0\1\1\0\0\1\0\1\0\0", 14);
	core_buf_add(&seg, "http://ns.adobe.com/xap/1.0/\0", 29);
	core_buf_adds(&seg, pkt);
	jpeg_seg(&b, 0xe1, seg.data, seg.len);
	/* APP11: "JP", instance, sequence 1, then the JUMBF box. */
	core_buf_reset(&seg);
	core_buf_add(&seg, "JP\0\1\0\0\0\1", 8);
	n = jumbf_store(box, 1, "c2pa");
	core_buf_add(&seg, box, n);
	jpeg_seg(&b, 0xeb, seg.data, seg.len);
	core_buf_add(&b, "\xff\xda\0\2garbage-after-start-of-scan", 30);
	ck_assert_int_eq(inspect(&b, &info), CORE_OK);
	ck_assert_int_eq(info.format, CORE_MEDIA_JPEG);
	ck_assert_uint_eq(info.xmp_packets, 1);
	ck_assert_int_eq(info.c2pa, 1);
	ck_assert_int_eq(info.damaged, 0);
	ck_assert_str_eq(info.creator_tool, "Gen");
	ck_assert_int_eq(info.dst->ai, CORE_DST_AI_ALL);
	core_media_info_free(&info);
	/* APP11 JUMBF that is not C2PA, and a segment longer than the file. */
	core_buf_reset(&b);
	core_buf_add(&b, "\xff\xd8", 2);
	core_buf_reset(&seg);
	core_buf_add(&seg, "JP\0\1\0\0\0\1", 8);
	n = jumbf_store(box, 0, "jpxt");
	core_buf_add(&seg, box, n);
	jpeg_seg(&b, 0xeb, seg.data, seg.len);
	core_buf_add(&b, "\xff\xe1\xff\xf0http://ns.adobe.com/xap/1.0/", 32);
	ck_assert_int_eq(inspect(&b, &info), CORE_OK);
	ck_assert_int_eq(info.c2pa, 0);
	ck_assert_int_eq(info.damaged, 1);
	ck_assert_uint_eq(info.xmp_packets, 0);
	core_media_info_free(&info);
	core_buf_free(&b);
	core_buf_free(&seg);
}
END_TEST

/* Append a PNG chunk (the CRC is not checked: zeros). */
static void
png_chunk(struct core_buf *b, const char *type, const void *p, size_t n)
{
	unsigned char	l[4] = { (unsigned char)(n >> 24), (unsigned char)(n >> 16),
	    (unsigned char)(n >> 8), (unsigned char)n };

	core_buf_add(b, l, 4);
	core_buf_add(b, type, 4);
	core_buf_add(b, p, n);
	core_buf_add(b, "\0\0\0\0", 4);
}

START_TEST(test_png)
{
	static const char	 pkt[] = PACKET_ATTR(IRI "digitalArt", "Paint");
	struct core_media_info	 info;
	struct core_buf		 b, c;
	unsigned char		 box[128];
	size_t			 n;

	core_buf_init(&b, 1 << 20);
	core_buf_init(&c, 1 << 20);
	core_buf_add(&b, "\x89PNG\r\n\x1a\n", 8);
	png_chunk(&b, "IHDR", "\0\0\0\1\0\0\0\1\x08\x02\0\0\0", 13);
	/* keyword NUL, flag 0, method 0, language NUL, translated NUL, text */
	core_buf_add(&c, "XML:com.adobe.xmp\0\0\0en\0XMP\0", 27);
	core_buf_adds(&c, pkt);
	png_chunk(&b, "iTXt", c.data, c.len);
	core_buf_reset(&c);
	core_buf_add(&c, "XML:com.adobe.xmp\0\1\0\0\0x\x9c", 25);
	png_chunk(&b, "iTXt", c.data, c.len);
	n = jumbf_store(box, 1, "c2pa");
	png_chunk(&b, "caBX", box, n);
	png_chunk(&b, "IEND", "", 0);
	ck_assert_int_eq(inspect(&b, &info), CORE_OK);
	ck_assert_int_eq(info.format, CORE_MEDIA_PNG);
	ck_assert_uint_eq(info.xmp_packets, 1);
	ck_assert_uint_eq(info.xmp_unread, 1);
	ck_assert_int_eq(info.c2pa, 1);
	ck_assert_int_eq(info.damaged, 0);
	ck_assert_str_eq(info.creator_tool, "Paint");
	ck_assert_int_eq(info.dst->ai, CORE_DST_AI_NO);
	core_media_info_free(&info);
	/* A chunk that claims more bytes than the file has. */
	core_buf_reset(&b);
	core_buf_add(&b, "\x89PNG\r\n\x1a\n\x7f\xff\xff\xffiTXtXML", 19);
	ck_assert_int_eq(inspect(&b, &info), CORE_OK);
	ck_assert_int_eq(info.damaged, 1);
	ck_assert_uint_eq(info.xmp_packets, 0);
	core_media_info_free(&info);
	core_buf_free(&b);
	core_buf_free(&c);
}
END_TEST

/* Append a RIFF chunk, padded to an even length. */
static void
riff_chunk(struct core_buf *b, const char *type, const void *p, size_t n)
{
	unsigned char	l[4] = { (unsigned char)n, (unsigned char)(n >> 8),
	    (unsigned char)(n >> 16), (unsigned char)(n >> 24) };

	core_buf_add(b, type, 4);
	core_buf_add(b, l, 4);
	core_buf_add(b, p, n);
	if (n & 1)
		core_buf_addc(b, 0);
}

START_TEST(test_webp)
{
	static const char	 pkt[] = PACKET_ELEM(IRI "screenCapture", "Grab");
	struct core_media_info	 info;
	struct core_buf		 b;
	unsigned char		 box[128];
	size_t			 n;

	core_buf_init(&b, 1 << 20);
	core_buf_add(&b, "RIFF\0\0\0\0WEBP", 12);
	riff_chunk(&b, "VP8X", "\x04\0\0\0\0\0\0\0\0\0", 10);
	riff_chunk(&b, "VP8 ", "odd", 3);
	n = jumbf_store(box, 1, "c2pa");
	riff_chunk(&b, "C2PA", box, n);
	riff_chunk(&b, "XMP ", pkt, sizeof pkt - 1);
	n = b.len - 8;
	b.data[4] = (unsigned char)n;
	b.data[5] = (unsigned char)(n >> 8);
	b.data[6] = (unsigned char)(n >> 16);
	ck_assert_int_eq(inspect(&b, &info), CORE_OK);
	ck_assert_int_eq(info.format, CORE_MEDIA_WEBP);
	ck_assert_uint_eq(info.xmp_packets, 1);
	ck_assert_int_eq(info.c2pa, 1);
	ck_assert_int_eq(info.damaged, 0);
	ck_assert_str_eq(info.creator_tool, "Grab");
	ck_assert_str_eq(info.ai_system, "Model One");
	core_media_info_free(&info);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_pdf)
{
	struct core_media_info	info;
	struct core_buf		b;

	core_buf_init(&b, 1 << 20);
	core_buf_adds(&b, "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Metadata 2 0 R >>\n"
	    "endobj\n2 0 obj\n<< /Type /Metadata /Subtype /XML /Length 9 >>\n"
	    "stream\n" PACKET_ATTR(IRI "dataDrivenMedia", "Charts")
	    "\nendstream\nendobj\n3 0 obj\n<< /Length 9 >>\nstream\n"
	    PACKET_ELEM(IRI "dataDrivenMedia", "Charts") "\nendstream\nendobj\n"
	    "%%EOF\n");
	ck_assert_int_eq(inspect(&b, &info), CORE_OK);
	ck_assert_int_eq(info.format, CORE_MEDIA_PDF);
	ck_assert_uint_eq(info.xmp_packets, 2);
	ck_assert_int_eq(info.pdf_compressed, 0);
	ck_assert_int_eq(info.c2pa, 0);
	ck_assert_int_eq(info.source_conflict, 0);
	ck_assert_str_eq(info.creator_tool, "Charts");
	core_media_info_free(&info);
	/* Compressed metadata, and a C2PA manifest as an associated file. */
	core_buf_reset(&b);
	core_buf_adds(&b, "%PDF-1.7\n4 0 obj\n<< /Length 5 /Filter /FlateDecode "
	    "/Type\n/Metadata /Subtype /XML >>\nstream\nxxxxx\nendstream\nendobj\n"
	    "5 0 obj\n<< /Type /Filespec /AFRelationship /C2PA_Manifest >>\n"
	    "endobj\n%%EOF\n");
	ck_assert_int_eq(inspect(&b, &info), CORE_OK);
	ck_assert_uint_eq(info.xmp_packets, 0);
	ck_assert_int_eq(info.pdf_compressed, 1);
	ck_assert_int_eq(info.c2pa, 1);
	core_media_info_free(&info);
	/* The catalog's reference alone says nothing about compression. */
	core_buf_reset(&b);
	core_buf_adds(&b, "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Metadata 2 0 R "
	    "/Filter /X >>\nendobj\n");
	ck_assert_int_eq(inspect(&b, &info), CORE_OK);
	ck_assert_int_eq(info.pdf_compressed, 0);
	core_media_info_free(&info);
	/* A packet that never ends. */
	core_buf_reset(&b);
	core_buf_adds(&b, "%PDF-1.4\n<x:xmpmeta xmlns:x='adobe:ns:meta/'>");
	ck_assert_int_eq(inspect(&b, &info), CORE_OK);
	ck_assert_int_eq(info.damaged, 1);
	core_media_info_free(&info);
	core_buf_free(&b);
}
END_TEST

/* Files built to make a scanner slow stay fast: linear scans, capped work. */
START_TEST(test_pathological)
{
	struct core_media_info	info;
	struct core_buf		b;
	clock_t			t0;
	size_t			i;

	core_buf_init(&b, 64u << 20);
	core_buf_adds(&b, "%PDF-1.7\n");
	for (i = 0; i < 100000; i++)
		core_buf_adds(&b, "<x:xmpmeta xmlns:x='adobe:ns:meta/'></x:xmpmeta>"
		    "/Type /Metadata /Filter ");
	t0 = clock();
	ck_assert_int_eq(inspect(&b, &info), CORE_OK);
	ck_assert(clock() - t0 < 5 * CLOCKS_PER_SEC);
	ck_assert_uint_eq(info.xmp_packets, 64);
	ck_assert_int_eq(info.pdf_compressed, 1);
	core_media_info_free(&info);
	core_buf_reset(&b);
	core_buf_adds(&b, "%PDF-1.7\n");
	for (i = 0; i < 200000; i++)
		core_buf_adds(&b, "<?xpacket begin <x:xmpmeta ");
	t0 = clock();
	ck_assert_int_eq(inspect(&b, &info), CORE_OK);
	ck_assert(clock() - t0 < 5 * CLOCKS_PER_SEC);
	ck_assert_int_eq(info.damaged, 1);
	core_media_info_free(&info);
	core_buf_free(&b);
}
END_TEST

START_TEST(test_formats)
{
	struct core_media_info	info;
	struct core_buf		b;
	struct core_err		err;

	core_buf_init(&b, 1 << 20);
	core_buf_adds(&b, "\xef\xbb\xbf  " PACKET_ELEM(IRI "virtualRecording", "V"));
	ck_assert_int_eq(inspect(&b, &info), CORE_OK);
	ck_assert_int_eq(info.format, CORE_MEDIA_XMP);
	ck_assert_str_eq(info.creator_tool, "V");
	core_media_info_free(&info);
	core_buf_reset(&b);
	core_buf_adds(&b, "GIF89a........");
	ck_assert_int_eq(inspect(&b, &info), CORE_E_UNSUPPORTED);
	core_media_info_free(&info);
	ck_assert_int_eq(core_media_inspect((const unsigned char *)"", 0, &info,
	    &err), CORE_E_UNSUPPORTED);
	core_media_info_free(&info);
	ck_assert_int_eq(core_media_inspect((const unsigned char *)"x",
	    CORE_MEDIA_MAX_FILE + 1, &info, &err), CORE_E_TOO_LARGE);
	core_media_info_free(&info);
	core_buf_free(&b);
	ck_assert_str_eq(core_media_format_name(CORE_MEDIA_PNG), "PNG image");
}
END_TEST

/* Read a sample of tests/vectors/media. */
static unsigned char *
sample(const char *name, size_t *len)
{
	const char	*top = getenv("top_srcdir");
	char		 path[4096];
	unsigned char	*buf;
	FILE		*fp;
	long		 n;

	snprintf(path, sizeof path, "%s/tests/vectors/media/%s",
	    top != NULL ? top : ".", name);
	fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

START_TEST(test_samples)
{
	static const struct {
		const char		*file;
		enum core_media_format	 format;
		const char		*term;	/* NULL: none */
		int			 c2pa;
	} v[] = {
		{ "ai.jpg", CORE_MEDIA_JPEG, "trainedAlgorithmicMedia", 0 },
		{ "ai.png", CORE_MEDIA_PNG, "trainedAlgorithmicMedia", 0 },
		{ "ai.webp", CORE_MEDIA_WEBP, "trainedAlgorithmicMedia", 0 },
		{ "ai.pdf", CORE_MEDIA_PDF, "trainedAlgorithmicMedia", 0 },
		{ "plotter.xmp", CORE_MEDIA_XMP, "algorithmicMedia", 0 },
		{ "composite.jpg", CORE_MEDIA_JPEG,
		  "compositeWithTrainedAlgorithmicMedia", 0 },
		{ "capture.png", CORE_MEDIA_PNG, "digitalCapture", 0 },
		{ "legacy.webp", CORE_MEDIA_WEBP, "softwareImage", 0 },
		{ "c2pa.png", CORE_MEDIA_PNG, NULL, 1 },
		{ "c2pa.jpg", CORE_MEDIA_JPEG, "trainedAlgorithmicMedia", 1 },
		{ "c2pa.webp", CORE_MEDIA_WEBP, NULL, 1 },
		{ "none.png", CORE_MEDIA_PNG, NULL, 0 },
	};
	struct core_media_info	 info;
	struct core_err		 err;
	unsigned char		*d;
	size_t			 i, len;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		d = sample(v[i].file, &len);
		ck_assert_int_eq(core_media_inspect(d, len, &info, &err), CORE_OK);
		ck_assert_int_eq(info.format, v[i].format);
		ck_assert_msg(info.c2pa == v[i].c2pa, "%s: c2pa", v[i].file);
		ck_assert_int_eq(info.damaged, 0);
		if (v[i].term == NULL)
			ck_assert_ptr_null(info.dst);
		else {
			ck_assert_msg(info.dst != NULL, "%s: no term", v[i].file);
			ck_assert_str_eq(info.dst->term, v[i].term);
		}
		core_media_info_free(&info);
		free(d);
	}
}
END_TEST

#ifdef RECOURSE_ALLOCFAIL
/* Every allocation failure of ours ends in CORE_E_NOMEM, never a crash. */
START_TEST(test_alloc_failures)
{
	static const char	 pkt[] = PACKET_ELEM(IRI "humanEdits", "Ed");
	struct core_media_info	 info;
	struct core_err		 err;
	enum core_code		 rc;
	unsigned long		 n;
	int			 failed;

	for (n = 1; n < 200; n++) {
		core_alloc_fail_at(n);
		rc = core_media_inspect((const unsigned char *)pkt, sizeof pkt - 1,
		    &info, &err);
		failed = core_alloc_failed();
		core_alloc_fail_at(0);
		if (!failed) {
			ck_assert_int_eq(rc, CORE_OK);
			ck_assert_str_eq(info.creator_tool, "Ed");
			core_media_info_free(&info);
			break;
		}
		ck_assert_int_eq(rc, CORE_E_NOMEM);
		core_media_info_free(&info);
	}
	ck_assert_uint_lt(n, 200);
}
END_TEST
#endif

int
main(void)
{
	Suite	*s = suite_create("xmp");
	TCase	*tc = tcase_create("xmp");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_vocabulary);
	tcase_add_test(tc, test_parse_forms);
	tcase_add_test(tc, test_parse_hostile);
	tcase_add_test(tc, test_jumbf);
	tcase_add_test(tc, test_jpeg);
	tcase_add_test(tc, test_png);
	tcase_add_test(tc, test_webp);
	tcase_add_test(tc, test_pdf);
	tcase_add_test(tc, test_pathological);
	tcase_add_test(tc, test_formats);
	tcase_add_test(tc, test_samples);
#ifdef RECOURSE_ALLOCFAIL
	tcase_add_test(tc, test_alloc_failures);
#endif
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

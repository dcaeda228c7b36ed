#!/bin/sh
# make-samples.sh: how the media samples of this folder were made.
#
#   sh make-samples.sh [DIR]      (DIR: where to write them; default: here)
#
# Needs ImageMagick's convert, exiftool (Debian: imagemagick,
# libimage-exiftool-perl) and python3 (for the hand-made PNG chunks, JUMBF
# boxes and PDFs).  The tests read the files committed here; they do not run
# this script.  tests/inspect-media.sh makes fresh samples of every digital
# source type with the same tools at test time.
set -eu
dir=${1:-$(dirname "$0")}
iri=http://cv.iptc.org/newscodes/digitalsourcetype
tmp=$(mktemp -d "${TMPDIR:-/tmp}/samples.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Small images without metadata.
convert -size 8x8 xc:'#336699' -strip "$tmp/base.jpg"
convert -size 8x8 xc:'#336699' -strip -define png:exclude-chunks=date,time "$tmp/base.png"
convert -size 8x8 xc:'#336699' -strip "$tmp/base.webp"

# A one-page PDF with a correct cross-reference table.
python3 - "$tmp/base.pdf" <<'EOF'
import sys
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>"]
out = b"%PDF-1.4\n"
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n" % (len(objs) + 1) + b"0000000000 65535 f \n"
out += b"".join(b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(sys.argv[1], "wb").write(out)
EOF

# tag SRC DST TERM [TOOL]: a copy of SRC with the digital source type TERM.
tag() {
	cp "$1" "$2"
	if [ $# -gt 3 ]; then
		exiftool -q -overwrite_original "-XMP-iptcExt:DigitalSourceType=$iri/$3" \
		    "-XMP-xmp:CreatorTool=$4" "$2"
	else
		exiftool -q -overwrite_original "-XMP-iptcExt:DigitalSourceType=$iri/$3" "$2"
	fi
}

tag "$tmp/base.jpg" "$dir/ai.jpg" trainedAlgorithmicMedia "Example Diffusion 3"
tag "$tmp/base.png" "$dir/ai.png" trainedAlgorithmicMedia "Example Diffusion 3"
tag "$tmp/base.webp" "$dir/ai.webp" trainedAlgorithmicMedia "Example Diffusion 3"
tag "$tmp/base.pdf" "$dir/ai.pdf" trainedAlgorithmicMedia "Example Writer 2"
tag "$tmp/base.jpg" "$dir/composite.jpg" compositeWithTrainedAlgorithmicMedia "Example Editor 7"
tag "$tmp/base.png" "$dir/capture.png" digitalCapture
tag "$tmp/base.webp" "$dir/legacy.webp" softwareImage
cp "$tmp/base.png" "$dir/none.png"
cp "$tmp/base.jpg" "$dir/plain.jpg"
cp "$tmp/base.webp" "$dir/plain.webp"
cp "$tmp/base.pdf" "$dir/plain.pdf"
rm -f "$dir/plotter.xmp"
exiftool -q -o "$dir/plotter.xmp" "-XMP-iptcExt:DigitalSourceType=$iri/algorithmicMedia" \
    "-XMP-xmp:CreatorTool=Example Plotter" "$tmp/base.png"

# A creator tool that tries to clear the screen and retitle the terminal
# with C1 controls (XML allows them; ESC it does not), to reverse the text
# that follows it, and to hide a word with a zero-width space; an AI system
# named with a bidi isolate.  exiftool would replace the controls, so the
# JPEG APP1 segment is written by hand.
python3 - "$tmp/base.jpg" "$dir/hostile.jpg" <<'EOF'
import struct, sys
xmp = ("<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>"
       "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
       "xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
       "<rdf:Description rdf:about='' "
       "xmlns:Iptc4xmpExt='http://iptc.org/std/Iptc4xmpExt/2008-02-29/' "
       "xmlns:xmp='http://ns.adobe.com/xap/1.0/'>"
       "<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/"
       "digitalsourcetype/digitalCapture</Iptc4xmpExt:DigitalSourceType>"
       "<xmp:CreatorTool>Camera\u009b2J\u009d0;pwned\u009c \u202egpj.exe"
       " hid\u200bden</xmp:CreatorTool>"
       "<Iptc4xmpExt:AISystemUsed>\u2066None\u2069</Iptc4xmpExt:AISystemUsed>"
       "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>").encode()
seg = b"http://ns.adobe.com/xap/1.0/\x00" + xmp
data = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(data[:2] + b"\xff\xe1" + struct.pack(">H", len(seg) + 2)
    + seg + data[2:])
EOF

# A JPEG cut short in the middle of its XMP segment.
head -c 200 "$dir/ai.jpg" > "$dir/truncated.jpg"

# C2PA manifest stores: a PNG caBX chunk, a JPEG APP11 segment (JPEG XT
# box "JP") and a WebP "C2PA" chunk, each holding a JUMBF superbox whose
# description box has the C2PA manifest-store UUID and the label "c2pa".
# The store is empty: recourse reports that one is present, never that it
# is valid.
python3 - "$dir" "$tmp/base.png" "$dir/ai.jpg" "$tmp/base.webp" <<'EOF'
import struct, sys, zlib
out, png, jpg, webp = sys.argv[1:5]
uuid = bytes.fromhex("6332706100110010800000aa00389b71")
jumd = uuid + b"\x03" + b"c2pa\x00"
jumd = struct.pack(">I", 8 + len(jumd)) + b"jumd" + jumd
store = struct.pack(">I", 8 + len(jumd)) + b"jumb" + jumd
data = open(png, "rb").read()
chunk = b"caBX" + store
chunk = struct.pack(">I", len(store)) + chunk + struct.pack(">I", zlib.crc32(chunk))
open(out + "/c2pa.png", "wb").write(data[:33] + chunk + data[33:])
data = open(jpg, "rb").read()
seg = b"JP" + b"\x00\x01" + struct.pack(">I", 1) + store
seg = b"\xff\xeb" + struct.pack(">H", len(seg) + 2) + seg
open(out + "/c2pa.jpg", "wb").write(data[:2] + seg + data[2:])
data = open(webp, "rb").read()
body = data[12:] + b"C2PA" + struct.pack("<I", len(store)) + store
open(out + "/c2pa.webp", "wb").write(b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body)
EOF

# A PDF whose metadata stream is compressed (FlateDecode): recourse says
# that it did not read it.
python3 - "$dir/compressed.pdf" <<'EOF'
import sys, zlib
xmp = zlib.compress(b"<x:xmpmeta xmlns:x='adobe:ns:meta/'/>")
objs = [b"<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
        b"<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length %d >>\nstream\n" % len(xmp)
        + xmp + b"\nendstream"]
out = b"%PDF-1.4\n"
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n" % (len(objs) + 1) + b"0000000000 65535 f \n"
out += b"".join(b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(sys.argv[1], "wb").write(out)
EOF

# XMP with a document type declaration that declares entities (a "billion
# laughs" and an external entity): refused, never expanded.
cat > "$dir/entities.xmp" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE x:xmpmeta [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
    xmp:CreatorTool="&d;&xxe;"/>
 </rdf:RDF>
</x:xmpmeta>
EOF
printf 'This is not a media file.\n' > "$dir/notmedia.txt"

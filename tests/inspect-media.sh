#!/bin/sh
# inspect-media.sh: `recourse inspect` on JPEG, PNG, WebP, PDF and XMP files
# that exiftool tags, now, with every term of the IPTC digital source type
# vocabulary.  Skipped (77) when exiftool is not installed.
. "$top_srcdir/tests/lib.sh"
if ! command -v exiftool >/dev/null 2>&1; then
	echo "exiftool is not installed (Debian: libimage-exiftool-perl)"
	exit 77
fi
media="$top_srcdir/tests/vectors/media"
iri=http://cv.iptc.org/newscodes/digitalsourcetype

# Files without metadata to tag: made by ImageMagick when it is here, else
# the copies kept with the samples.  PDF has no ImageMagick writer enabled
# on Debian: the hand-made one is used.
if command -v convert >/dev/null 2>&1 &&
    convert -size 8x8 xc:'#884422' -strip "$T_TMP/base.jpg" 2>/dev/null &&
    convert -size 8x8 xc:'#884422' -strip "$T_TMP/base.png" 2>/dev/null &&
    convert -size 8x8 xc:'#884422' -strip "$T_TMP/base.webp" 2>/dev/null; then
	ok "ImageMagick made the images to tag"
else
	cp "$media/plain.jpg" "$T_TMP/base.jpg"
	cp "$media/none.png" "$T_TMP/base.png"
	cp "$media/plain.webp" "$T_TMP/base.webp"
fi
cp "$media/plain.pdf" "$T_TMP/base.pdf"

# term, then what "Made by generative AI" must say.
terms='digitalCapture:no
computationalCapture:no
negativeFilm:no
positiveFilm:no
print:no
minorHumanEdits:no
humanEdits:no
algorithmicallyEnhanced:no
softwareImage:does not say
digitalArt:no
digitalCreation:no
dataDrivenMedia:no
trainedAlgorithmicMedia:yes
algorithmicMedia:no
screenCapture:no
virtualRecording:does not say
composite:does not say
compositeCapture:no
compositeSynthetic:does not say
compositeWithTrainedAlgorithmicMedia:partly'

printf '%s\n' "$terms" | while IFS=: read -r term ai; do
	for ext in jpg png webp pdf; do
		cp "$T_TMP/base.$ext" "$T_TMP/$term.$ext"
	done
	exiftool -q -q -overwrite_original "-XMP-iptcExt:DigitalSourceType=$iri/$term" \
	    "-XMP-xmp:CreatorTool=tool for $term" "$T_TMP/$term.jpg" \
	    "$T_TMP/$term.png" "$T_TMP/$term.webp" "$T_TMP/$term.pdf" || true
	exiftool -q -q -o "$T_TMP/$term.xmp" "-XMP-iptcExt:DigitalSourceType=$iri/$term" \
	    "-XMP-xmp:CreatorTool=tool for $term" "$T_TMP/base.png" || true
done

for line in $(printf '%s\n' "$terms" | sed 's/:.*//'); do
	term=$line
	ai=$(printf '%s\n' "$terms" | sed -n "s/^$term://p")
	for ext in jpg png webp pdf xmp; do
		f="$T_TMP/$term.$ext"
		set +e
		out=$("$RECOURSE" inspect "$f" 2>&1)
		rc=$?
		set -e
		good=1
		[ "$rc" -eq 0 ] || good=0
		contains "$out" "($iri/$term" || good=0
		contains "$out" "Creator tool: tool for $term" || good=0
		contains "$out" "Made by generative AI: $ai" ||
		    contains "$out" "Made by generative AI: the term used $ai" || good=0
		contains "$out" "not a term of the IPTC" && good=0
		contains "$out" "XMP metadata is not signed" || good=0
		if [ "$good" = 1 ]; then
			ok "$term in $ext"
		else
			printf '%s\n' "$out" | sed 's/^/  /'
			not_ok "$term in $ext"
		fi
	done
done

# The descriptions a person reads for the terms that matter most.
out=$("$RECOURSE" inspect "$T_TMP/trainedAlgorithmicMedia.jpg")
check "trainedAlgorithmicMedia reads as made by a generative AI model" \
    contains "$out" "made by a generative AI model"
out=$("$RECOURSE" inspect "$T_TMP/compositeWithTrainedAlgorithmicMedia.png")
check "compositeWithTrainedAlgorithmicMedia reads as partly AI" \
    contains "$out" "partly made by a generative AI model"
out=$("$RECOURSE" inspect "$T_TMP/digitalCapture.webp")
check "digitalCapture reads as captured from real life" \
    contains "$out" "captured from real life"

# Hostile metadata reaches the terminal with no control character, no C1
# control and no bidi control: all are visible escapes.
"$RECOURSE" inspect "$media/hostile.jpg" > "$T_TMP/hostile.out"
check "no C0 control or DEL in the output" \
    sh -c "! LC_ALL=C grep -q '$(printf '[\001-\011\013-\037\177]')' '$T_TMP/hostile.out'"
check "no C1 control in the output" \
    sh -c "! LC_ALL=C grep -q '$(printf '\302[\200-\237]')' '$T_TMP/hostile.out'"
check "no bidi control in the output" \
    sh -c "! LC_ALL=C grep -q '$(printf '\342\200[\216\217\252-\256]\|\342\201[\246-\251]')' '$T_TMP/hostile.out'"
check "the escapes are shown" contains "$(cat "$T_TMP/hostile.out")" "<U+202E>gpj.exe"
finish

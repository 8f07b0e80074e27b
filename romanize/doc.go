// Package romanize turns personal names written in any script into the
// upper-case Latin letters that travel documents carry, under every
// romanisation system in real use, and reduces Latin spellings to a
// canonical phonetic skeleton so that renderings from different systems
// can be compared.
//
// It covers the transliteration tables of ICAO Doc 9303 Part 3 (Latin
// diacritic folding, Cyrillic, Greek, Arabic), the Russian passport rules of
// 1997 and 2010, BGN/PCGN, everyday English, French, German and scholarly
// spellings of Russian names, the official Ukrainian, Belarusian, Bulgarian
// and Serbian systems, the letters of the Kazakh, Kyrgyz, Uzbek, Tajik,
// Mongolian, Bashkir, Tatar and Azerbaijani Cyrillic alphabets as those
// states' passports write them, and the national Latin alphabets of
// Kazakh, Uzbek, Azerbaijani, Turkmen and Tatar.
//
// Alternates adds weaker readings that are not romanisations of the
// letters: a Russian form read in the Latin alphabet of the bearer's own
// language (Azerbaijani, Turkic, Uzbek, Romanian, Belarusian, Latvian,
// Lithuanian, Estonian), the other forms of a given name (NameForms: full
// and short forms, Bulgarian and Romanian forms; Counterparts: Ukrainian
// and Belarusian forms), the original spelling of a given name Russian
// transcribed by sound (GivenOriginals: English, Armenian, Georgian), and
// phonetic keys that undo the practical transcription of German, French,
// English, Italian, Spanish, Portuguese, Hungarian, Polish, Dutch and
// Armenian names into Russian (OriginKeys).
//
// Tokens is the one normalisation every name passes through before it is
// matched: NFKC, default-ignorable code points dropped (Normalize), and
// letters that only imitate the word's script folded after Unicode TS #39
// (FoldConfusables), so that fullwidth, styled, filler-padded or
// look-alike spellings read as the plain one.
//
// The package is pure: no I/O, no state beyond its tables, and no matching
// decisions (those belong to package screening).
package romanize

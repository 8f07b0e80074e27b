package romanize

// armenianRules is a common Armenian transliteration (as in passports of
// the Republic of Armenia).
var armenianRules = &rules{system: Armenian, base: table(
	"ա", "A", "բ", "B", "գ", "G", "դ", "D", "ե", "E", "զ", "Z", "է", "E", "ը", "Y",
	"թ", "T", "ժ", "ZH", "ի", "I", "լ", "L", "խ", "KH", "ծ", "TS", "կ", "K", "հ", "H",
	"ձ", "DZ", "ղ", "GH", "ճ", "CH", "մ", "M", "յ", "Y", "ն", "N", "շ", "SH", "ո", "O",
	"չ", "CH", "պ", "P", "ջ", "J", "ռ", "R", "ս", "S", "վ", "V", "տ", "T", "ր", "R",
	"ց", "TS", "ւ", "", "փ", "P", "ք", "K", "օ", "O", "ֆ", "F", "և", "EV"),
	vowels: "աեէըիոօ",
	seqs:   []pair{{"ու", "U"}},
}

// georgianRules is the Georgian national romanisation system (2002).
var georgianRules = &rules{system: Georgian, base: table(
	"ა", "A", "ბ", "B", "გ", "G", "დ", "D", "ე", "E", "ვ", "V", "ზ", "Z", "თ", "T",
	"ი", "I", "კ", "K", "ლ", "L", "მ", "M", "ნ", "N", "ო", "O", "პ", "P", "ჟ", "ZH",
	"რ", "R", "ს", "S", "ტ", "T", "უ", "U", "ფ", "P", "ქ", "K", "ღ", "GH", "ყ", "Q",
	"შ", "SH", "ჩ", "CH", "ც", "TS", "ძ", "DZ", "წ", "TS", "ჭ", "CH", "ხ", "KH", "ჯ", "J",
	"ჰ", "H"),
	vowels: "აეიოუ",
}

package main

import (
	"flag"
	"fmt"
	"slices"
)

// isHelp reports whether arg asks for help rather than naming a subcommand.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

// splitSubcommand takes the subcommand off the arguments of a command that
// has some (trex token create ...), before anything is read or written:
// "-h" answers with usage and flag.ErrHelp, and a missing or unknown
// subcommand is an error that names the valid ones.
func splitSubcommand(fs *flag.FlagSet, usage string, subs []string, args []string) (string, []string, error) {
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fmt.Fprintln(fs.Output(), "\nFlags:")
		fs.PrintDefaults()
	}
	if len(args) == 0 || isHelp(args[0]) {
		fs.Usage()
		if len(args) == 0 {
			return "", nil, fmt.Errorf("%s: want a subcommand: %v", fs.Name(), subs)
		}
		return "", nil, flag.ErrHelp
	}
	if !slices.Contains(subs, args[0]) {
		return "", nil, fmt.Errorf("%s: unknown subcommand %q; want one of %v", fs.Name(), args[0], subs)
	}
	return args[0], args[1:], nil
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// describe makes -h print text, then the flags.
func describe(fs *flag.FlagSet, text string) {
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), text)
		fmt.Fprintln(fs.Output(), "\nFlags:")
		fs.PrintDefaults()
	}
}

//! The `protokoll` binary: the command line and, with no command, the terminal UI.

fn main() {
    std::process::exit(protokoll::cli::main());
}

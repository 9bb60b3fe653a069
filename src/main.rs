fn main() {
    println!("protokoll");
}

//! Shows how jieba segments and tags a sentence, for pack authors deciding
//! whether a typo entry needs `boundary = "word"`:
//!
//! ```sh
//! cargo run -p gwlint-rules --example segment -- 坚持实施了党委中心组学法制度
//! ```

fn main() {
    let jieba = gwlint_rules::segment::jieba();
    for sentence in std::env::args().skip(1) {
        let words: Vec<&str> = jieba.cut(&sentence, false).iter().map(|t| t.word).collect();
        let tags: Vec<String> = jieba.tag(&sentence, true).iter().map(|t| format!("{}/{}", t.word, t.tag)).collect();
        println!("词：{}", words.join(" / "));
        println!("词性：{}", tags.join(" "));
    }
}

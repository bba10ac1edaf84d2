//! `gwlint`: a compliance linter for Chinese government reports.
//!
//! The binary is a thin shell around the `gwlint-rules` engine:
//! - `gwlint check` lints files and folders for reviewers and scripts;
//! - `gwlint rules` and `gwlint explain` show what the rules are and why;
//! - `gwlint schema` prints the JSON Schemas of rule packs and `gwlint.toml`;
//! - `gwlint lsp` runs the language server for editors.

mod batch;
mod check;
mod files;
mod output;
mod progress;
mod rules_cmd;
mod stdout;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// gwlint：法治政府建设年度报告等公文的合规检查工具
#[derive(Parser)]
#[command(name = "gwlint", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查报告文件或文件夹（.docx、.txt、.md）
    Check(CheckArgs),
    /// 列出当前生效的规则
    Rules(ConfigArgs),
    /// 解释一条规则：为什么、依据、示例
    Explain {
        /// 规则 id，如 typo.common
        rule: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// 输出规则包或 gwlint.toml 的 JSON Schema
    Schema {
        #[arg(value_enum)]
        which: SchemaKind,
    },
    /// 以语言服务器方式运行（LSP，标准输入输出），供编辑器调用
    Lsp,
    /// 为内置规则包和指定的规则包生成每条规则的说明页（Markdown）
    Docs {
        /// 输出文件夹
        #[arg(value_name = "DIR")]
        out: PathBuf,
        /// 一并生成这些规则包的说明页（可重复）
        #[arg(long = "rules", value_name = "FILE")]
        rules: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    /// 规则包（rules/packs/*.toml）
    Pack,
    /// 工作区配置 gwlint.toml
    Config,
}

/// Where the rules come from: `gwlint.toml` and extra packs.
#[derive(clap::Args, Clone, Default)]
pub struct ConfigArgs {
    /// 使用此配置文件，而不是在被检查文件所在文件夹及上级中查找 gwlint.toml
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// 本次运行额外加载的规则包文件（可重复）
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// 编译器风格的文本，带原文和下划线
    #[default]
    Human,
    /// 机器可读的 JSON
    Json,
    /// SARIF 2.1.0，供代码扫描工具使用
    Sarif,
    /// 一个自包含的 HTML 审校意见单（可在浏览器中查看、打印为 A4）
    Html,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// 要检查的文件或文件夹；- 表示从标准输入读一份报告
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t)]
    format: OutputFormat,
    /// 就地应用所有安全的修正；Word 文档不改原件，修正作为修订写入审校稿（报告.审校.docx）
    #[arg(long)]
    fix: bool,
    /// 为每个 Word 文档另存审校稿（报告.审校.docx）：每个问题一条批注，安全的修正作为修订，原件不动
    #[arg(long)]
    annotate: bool,
    /// 审校稿已存在时覆盖它
    #[arg(long)]
    force: bool,
    /// 与 --fix 同用：只显示修正的差异，不写入文件
    #[arg(long, requires = "fix")]
    dry_run: bool,
    /// 去年的报告：报告今年照抄去年的段落，以及原样重复的去年“下一年度安排”
    #[arg(long, value_name = "FILE")]
    previous: Option<PathBuf>,
    #[command(flatten)]
    config: ConfigArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules(config) => rules_cmd::list(&config),
        Command::Explain { rule, config } => rules_cmd::explain(&rule, &config),
        Command::Schema { which } => rules_cmd::schema(matches!(which, SchemaKind::Pack)),
        Command::Lsp => gwlint::lsp::run(),
        Command::Docs { out, rules } => rules_cmd::docs(&out, &rules),
    };
    ExitCode::from(code)
}

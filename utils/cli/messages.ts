/** The CLI's own texts (help, usage errors) in Japanese and English. */
import type { Lang } from '../core/model';

export const HELP: Record<Lang, string> = {
  ja: `renkei — 連携ドクター(Renkei Doctor)のコマンドライン

使い方:
  renkei analyze FILE... [--url URL] [--state logged-in|logged-out|unknown]
                         [--format json|markdown|chatwork|text] [--lang ja|en]
                         [--reveal] [--env LABEL] [--salt SALT]
  renkei analyze DIR|GLOB... [--format text|json|markdown|sarif] [--quiet] [--max-warnings N]
  renkei compare A.json B.json [--format json|markdown|chatwork|text] [--lang ja|en]
  renkei check URL...    (ヘッドレス Chromium でページを開いて解析: renkei check --help)
  renkei companion ...   (コンパニオン API: renkei companion --help)
  renkei --help | --version

analyze  ファイルを中身で判別して解析します: HTML ページ、HAR、/login のペイロード JSON、
         チャネルトークの boot オプション JSON、スナップショット。複数のファイルは指定した
         順に1つのセッションになります(/login ペイロードは直前のページのリクエストになります)。
compare  2つのスナップショット(analyze --format json の出力、拡張機能のエクスポート)を比べ、
         違いの表と compare/* の指摘を出します。

オプション:
  --url URL        HTML ファイルのページ URL(繰り返し可: n 番目の HTML ファイルに n 番目の URL。
                   省略時は https://unknown.invalid/ファイル名)
  --state STATE    すべてのページのログイン状態を指定(省略時はページから推定)
  --format FORMAT  text(既定)、markdown(Zendesk・GitHub に貼る用)、chatwork(Chatwork の
                   メッセージ記法 [info][code])、json(スナップショット)
  --lang LANG      ja(既定)または en。RENKEI_LANG や LANG=en_* でも英語になります
  --reveal         個人情報(会員IDなど)を伏せ字にせず表示(json には決して出力しません)
  --env LABEL      スナップショットの環境ラベル(staging、production など)
  --salt SALT      値の指紋のソルト(RENKEI_SALT でも可)。同じソルトで作ったスナップショット同士は
                   値が同じかどうかを比較できます。省略時は実行ごとにランダム
  DIR / GLOB       ソースのプロジェクト(src/、'src/**/*.{tsx,vue}'): ファイルごとに解析し、ESLint と
                   同じ形で表示します。.gitignore を守り、node_modules とビルド出力は読みません
  --format sarif   SARIF 2.1.0(GitHub のコードスキャンなど)。--rules-url URL で RULES.md の公開先
  --quiet          エラーだけを表示    --max-warnings N  警告が N 件を超えたら終了コード 1

環境変数: RENKEI_LANG、RENKEI_SALT、RENKEI_TIMEOUT_SECONDS(既定 300 秒)、RENKEI_MAX_HEAP_MB(既定 4096)
         analyze と compare は時間とメモリの上限を超えると中止します(終了コード 2)
         RENKEI_WORKERS=N: 8 MB 以上の HAR を N 個のワーカースレッドで分担して読みます
         (既定 0。結果は同じで、メモリを多く使います)

終了コード: 0 エラーなし / 1 エラーの指摘あり / 2 入力を使えない(理由を標準エラーに1行)
`,
  en: `renkei — Renkei Doctor (連携ドクター) command line

Usage:
  renkei analyze FILE... [--url URL] [--state logged-in|logged-out|unknown]
                         [--format json|markdown|chatwork|text] [--lang ja|en]
                         [--reveal] [--env LABEL] [--salt SALT]
  renkei analyze DIR|GLOB... [--format text|json|markdown|sarif] [--quiet] [--max-warnings N]
  renkei compare A.json B.json [--format json|markdown|chatwork|text] [--lang ja|en]
  renkei check URL...    (open pages in headless Chromium and analyse them: renkei check --help)
  renkei companion ...   (companion API: renkei companion --help)
  renkei --help | --version

analyze  Recognises each file by content and analyses it: an HTML page, a HAR, a /login payload
         JSON, a Channel Talk boot option JSON, or a snapshot. Several files form one session in
         the given order (a /login payload becomes a request of the page before it).
compare  Compares two snapshots (analyze --format json output, extension exports) and prints the
         table of differences and the compare/* findings.

Options:
  --url URL        page URL of an HTML file (repeatable: the n-th URL goes to the n-th HTML file;
                   default https://unknown.invalid/FILE-NAME)
  --state STATE    login state of every page (default: inferred from the page)
  --format FORMAT  text (default), markdown (for Zendesk or GitHub), chatwork (Chatwork's
                   message notation [info][code]), json (a snapshot)
  --lang LANG      ja (default) or en; RENKEI_LANG or LANG=en_* also select English
  --reveal         show personal values (member ids, ...) in clear (never in json)
  --env LABEL      environment label of the snapshot (staging, production, ...)
  --salt SALT      salt of value fingerprints (or RENKEI_SALT); snapshots made with the same salt
                   can tell whether values are equal. Default: random per run
  DIR / GLOB       a project of source files (src/, 'src/**/*.{tsx,vue}'): each file on its own,
                   printed as ESLint does; .gitignore respected, node_modules and build output skipped
  --format sarif   SARIF 2.1.0 (GitHub code scanning, CI dashboards); --rules-url URL: where RULES.md is published
  --quiet          errors only         --max-warnings N  exit 1 when warnings exceed N

Environment: RENKEI_LANG, RENKEI_SALT, RENKEI_TIMEOUT_SECONDS (default 300), RENKEI_MAX_HEAP_MB (default 4096);
             analyze and compare stop at these time and memory bounds (exit status 2)
             RENKEI_WORKERS=N: read HARs of 8 MB or more in parts with N worker threads
             (default 0; the same result, more memory)

Exit status: 0 no error finding / 1 at least one error finding / 2 input unusable (one-line reason on stderr)
`,
};

export const MSG: Record<Lang, Record<string, string>> = {
  ja: {
    unknownCommand: "不明なコマンドです: '{cmd}'(renkei --help を参照)",
    noCommand: 'コマンドを指定してください(renkei --help を参照)',
    noFiles: 'ファイルを指定してください(renkei analyze FILE...)',
    compareArgs: '比べるスナップショットを2つ指定してください(renkei compare A.json B.json)',
    badOption: '{reason}(renkei --help を参照)',
    unknownOption: "不明なオプションです: '{option}'(renkei --help を参照)",
    optionValue: "{option} の指定が正しくありません(値の有無を確認してください。renkei --help を参照)",
    badValue: "{option} の値が正しくありません: '{value}'({allowed} のいずれか)",
    notAvailable: "'{cmd}' はこのインストールでは使えません({reason})",
    notSnapshot: 'スナップショットではありません(renkei analyze --format json の出力か拡張機能のエクスポートを指定してください)',
    snapshotMixed: 'スナップショットは他のファイルと一緒に解析できません(単独で指定するか renkei compare を使ってください)',
    internal: '解析中に内部エラーが発生しました({reason})',
  },
  en: {
    unknownCommand: "unknown command '{cmd}' (see renkei --help)",
    noCommand: 'no command given (see renkei --help)',
    noFiles: 'no file given (renkei analyze FILE...)',
    compareArgs: 'give two snapshots to compare (renkei compare A.json B.json)',
    badOption: '{reason} (see renkei --help)',
    unknownOption: "unknown option '{option}' (see renkei --help)",
    optionValue: "invalid use of {option} (missing or unexpected value; see renkei --help)",
    badValue: "invalid value for {option}: '{value}' (one of {allowed})",
    notAvailable: "'{cmd}' is not available in this installation ({reason})",
    notSnapshot: 'not a snapshot (give the output of renkei analyze --format json or an extension export)',
    snapshotMixed: 'a snapshot cannot be analysed together with other files (give it alone, or use renkei compare)',
    internal: 'internal error during analysis ({reason})',
  },
};

export function msg(lang: Lang, id: keyof (typeof MSG)['ja'], data: Record<string, string | number> = {}): string {
  const t = MSG[lang][id] ?? MSG.en[id] ?? id;
  return t.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

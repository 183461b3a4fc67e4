/** The `kb` usage text, printed by `kb help` and on a wrong command line. */
export const USAGE = `Usage: kb <command> [options]

Commands:
  build [dir]        lint the articles in dir (default: knowledge) and write the index artifact
                       --out <file>     where to write it (default: dist/knowledge-index.json)
  lint [dir]         check articles: front matter, sections, links; exit 1 on errors
  ask "question"     show what Mujib would do with a question, and why
                       --lang en|ar     language of the question (default: detected)
                       --index <file>   a built artifact (default: dist/knowledge-index.json)
                       --articles <dir> build in memory from these articles instead
                       --json           print the raw decision as JSON
  eval [...]         score the bot on the evaluation sets (kb eval --help)
  help               show this text

Exit codes: 0 ok, 1 problems found or command failed, 2 wrong usage.`;

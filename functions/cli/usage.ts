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
  gaps               print the content-gap report (Markdown) from a running server
                       --url <url>      server (default: http://127.0.0.1:3000)
                       --token <token>  staff token (default: the local development token)
                       --lang en|ar     one language (default: both)
                       --days <n>       how far back (default: 30)
                       --json           print the raw clusters as JSON
  pull [dir]         copy the live articles from the knowledge bucket (the source of truth)
                     into dir (default: knowledge); local-only articles are listed, not deleted
                       --bucket <name>  the knowledge bucket (stack output KnowledgeBucketName)
                       --prefix <p>     key prefix (default: knowledge/)
                       --endpoint <url> an S3-compatible endpoint (path-style); --region <r>
  push [dir]         upload local articles that differ from the bucket's (same options);
                     refuses if the bucket has a newer version of any of them
                       --force          overwrite newer versions in the bucket
  help               show this text

Exit codes: 0 ok, 1 problems found or command failed, 2 wrong usage.`;

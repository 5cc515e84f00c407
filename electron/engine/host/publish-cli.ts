import { PUBLISH_USAGE, PublishUsageError, parsePublishArgs, publishStatusLists } from './publish-status-lists';

// Entry point of `npm run publish` (scripts/publish.mjs runs this under tsx).
try {
  for (const line of await publishStatusLists(parsePublishArgs(process.argv.slice(2), process.env))) console.log(line);
} catch (error) {
  console.error(
    error instanceof PublishUsageError ? `${error.message}\n\n${PUBLISH_USAGE}` : `Publishing failed: ${(error as Error).message}`,
  );
  process.exit(error instanceof PublishUsageError ? 2 : 1);
}

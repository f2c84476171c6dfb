/** Entry of dist/server.js. The transport comes from the command line: `--node-ipc` (the VS Code
 * client), `--stdio` (other editors, through bin/foilint-language-server.js) or `--socket=N`. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './language-server.js';

const connection = createConnection(ProposedFeatures.all);
// The server never stops on an error it did not expect: it says so and goes on.
process.on('uncaughtException', (err) => connection.console.error(`foilint: unexpected error: ${err?.stack ?? err}`));
process.on('unhandledRejection', (err) => connection.console.error(`foilint: unexpected error: ${(err as Error)?.stack ?? err}`));
startServer(connection);

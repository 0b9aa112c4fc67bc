#!/usr/bin/env node
/** The `strata` executable. */
import { ready } from '@strata/core';
import '@strata/backend-cpu';
import { run } from './main.js';

await ready();
process.exitCode = await run(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});

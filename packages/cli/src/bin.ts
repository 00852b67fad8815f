#!/usr/bin/env node
import { main } from './main.js';
import { handleSignals } from './signals.js';

// SIGINT, SIGTERM and SIGHUP: exit 128 + n with temporaries removed, or train's clean stop.
handleSignals();
process.exitCode = await main(process.argv.slice(2));

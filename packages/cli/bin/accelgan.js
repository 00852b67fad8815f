#!/usr/bin/env node
// A committed entry point so package managers can link the binary before dist/ is built.
import '../dist/bin.js';

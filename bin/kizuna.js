#!/usr/bin/env node
// The compiled CLI is built by `npm ci` (the prepare script) and by `npm start`.
import '../dist/src/cli/main.js';

/** the Node flags of `file`'s shebang line (`#!/usr/bin/env -S node --flag...`); none when it names none */
export function launcherNodeFlags(file: string): string[];

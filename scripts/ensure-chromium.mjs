// `npm test` needs Debian's Chromium for the e2e tier (never a downloaded browser, DESIGN.md §6).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const chromium = '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const command = 'apt-get update && apt-get install -y chromium';
  if (process.getuid?.() === 0) {
    console.log(`[tomopick] ${chromium} is missing; installing it: ${command}`);
    execSync(command, { stdio: 'inherit', shell: '/bin/bash', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    console.error(`[tomopick] The browser tests need Debian's Chromium at ${chromium}. Install it with:\n  sudo ${command}`);
    process.exit(1);
  }
}

// Browsers come from Debian (/usr/bin/chromium); a download at install time fails on our machines.
module.exports = { skipDownload: true };

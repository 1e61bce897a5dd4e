/**
 * Windows' path rules, checked here with path.win32 and fake environments:
 * names NTFS accepts, long paths, where Chrome and Edge are installed, and the
 * library in %LOCALAPPDATA%.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromiumCandidates, headlessShellCandidates, isHeadlessShell } from '../../engine/render/chromium.js';
import { longPath, safeFileName, WINDOWS_MAX_PATH } from '../../engine/platform/windowsPaths.js';
import { outputPath } from '../../engine/formats/print/render.js';

describe('safeFileName', () => {
  it('keeps Vietnamese letters and spaces, in NFC', () => {
    expect(safeFileName('Tài liệu pháp luật'.normalize('NFD'))).toBe('Tài liệu pháp luật'.normalize('NFC'));
  });

  it('replaces every character NTFS refuses, and control characters', () => {
    const name = safeFileName('a<b>c:d"e/f\\g|h?i*j\u0001k.pdf');
    expect(name).toBe('a-b-c-d-e-f-g-h-i-j-k.pdf');
    expect(name).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/);
  });

  it('drops trailing dots and spaces', () => {
    expect(safeFileName('Bản thảo 1. . ')).toBe('Bản thảo 1');
    expect(safeFileName('...')).toBe('untitled');
    expect(safeFileName('   ', 'x')).toBe('x');
  });

  it.each(['CON', 'con', 'PRN', 'AUX', 'NUL', 'nul.pdf', 'COM1', 'com9.txt', 'LPT1', 'lpt3.tar.gz', 'COM¹'])('never gives the device name %s', (name) => {
    const safe = safeFileName(name);
    expect(safe).not.toMatch(/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i);
    expect(safe.endsWith(name)).toBe(true);
  });

  it('leaves names that merely start like a device name', () => {
    expect(safeFileName('con-booklet-screen.pdf')).toBe('con-booklet-screen.pdf');
    expect(safeFileName('COM10')).toBe('COM10');
  });

  it('shortens long names and keeps the extension', () => {
    const safe = safeFileName(`${'Điều kiện kết hôn '.repeat(30)}.pdf`);
    expect(safe.length).toBeLessThanOrEqual(200);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(safe).not.toMatch(/[. ]\.pdf$/);
  });

  it('is what output files are named with', () => {
    const file = outputPath('C:/out', 'booklet', 'vi', 'nul', 'screen', 'pdf');
    expect(path.basename(file)).toBe('nul-booklet-screen.pdf');
    expect(path.basename(outputPath('/out', 'leaflet', 'vi', 'a.', 'print', 'pdf'))).toBe('a.-leaflet-print.pdf');
  });
});

describe('longPath', () => {
  const deep = `C:\\Users\\Nguyễn Văn A\\Tài liệu pháp luật\\${'Bản thảo rất dài\\'.repeat(16)}tờ gấp.pdf`;

  it('prefixes absolute Windows paths from MAX_PATH − 12 on', () => {
    expect(deep.length).toBeGreaterThan(WINDOWS_MAX_PATH);
    expect(longPath(deep, 'win32')).toBe(`\\\\?\\${deep}`);
    expect(longPath(`C:\\${'a'.repeat(WINDOWS_MAX_PATH - 12)}`, 'win32').startsWith('\\\\?\\C:\\')).toBe(true);
  });

  it('turns a long share path into the UNC form', () => {
    const share = `\\\\may-chu\\chung\\${'thư mục\\'.repeat(40)}a.pdf`;
    expect(longPath(share, 'win32')).toBe(`\\\\?\\UNC\\${share.slice(2)}`);
  });

  it('resolves . and .. before prefixing (the \\\\?\\ form takes the path literally)', () => {
    const messy = `C:\\a\\..\\${'b'.repeat(300)}\\.\\c.pdf`;
    expect(longPath(messy, 'win32')).toBe(`\\\\?\\C:\\${'b'.repeat(300)}\\c.pdf`);
  });

  it('leaves short, relative, prefixed and non-Windows paths alone', () => {
    expect(longPath('C:\\out\\a.pdf', 'win32')).toBe('C:\\out\\a.pdf');
    expect(longPath(`rel\\${'x'.repeat(300)}`, 'win32')).toBe(`rel\\${'x'.repeat(300)}`);
    expect(longPath(`\\\\?\\${deep}`, 'win32')).toBe(`\\\\?\\${deep}`);
    expect(longPath(`/home/${'x'.repeat(300)}`, 'linux')).toBe(`/home/${'x'.repeat(300)}`);
  });
});

describe('Chromium on Windows', () => {
  const env = {
    PROGRAMFILES: 'D:\\Program Files',
    'PROGRAMFILES(X86)': 'D:\\Program Files (x86)',
    LOCALAPPDATA: 'C:\\Users\\Trần Thị B\\AppData\\Local',
  };

  it('looks for Chrome per machine, then per user, then Edge', () => {
    expect(chromiumCandidates('win32', env)).toEqual([
      'D:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'D:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\Trần Thị B\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\Trần Thị B\\AppData\\Local\\Chromium\\Application\\chrome.exe',
      'D:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
      'D:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    ]);
  });

  it('falls back to the default folders and the user profile when the variables are missing', () => {
    const found = chromiumCandidates('win32', { USERPROFILE: 'C:\\Users\\a' });
    expect(found).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(found).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(found).toContain('C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(found.every((p) => path.win32.isAbsolute(p) && !p.includes('/'))).toBe(true);
  });

  it('names no Windows path on Linux', () => {
    expect(chromiumCandidates('linux', env)).toContain('/usr/bin/chromium');
  });

  it('finds the headless shell the app ships first, then an installed one', () => {
    expect(headlessShellCandidates('win32', { LUAT_STUDIO_HEADLESS_SHELL: 'C:\\App\\chromium\\chrome-headless-shell.exe' })).toEqual(['C:\\App\\chromium\\chrome-headless-shell.exe']);
    expect(headlessShellCandidates('win32', {})).toEqual([]);
    expect(headlessShellCandidates('linux', {})[0]).toBe('/usr/lib/chromium/chromium-headless-shell');
  });

  it('tells the headless shell from a whole browser by its name', () => {
    expect(isHeadlessShell('/usr/lib/chromium/chromium-headless-shell')).toBe(true);
    expect(isHeadlessShell('C:\\Program Files\\Luat Studio\\resources\\chromium\\chrome-headless-shell.exe')).toBe(true);
    expect(isHeadlessShell('/usr/bin/chromium')).toBe(false);
    expect(isHeadlessShell('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe')).toBe(false);
    expect(isHeadlessShell('/opt/headless-shell-tools/chromium')).toBe(false);
  });
});

describe('the library on Windows', () => {
  const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
  afterEach(() => {
    Object.defineProperty(process, 'platform', platform);
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('lives in %LOCALAPPDATA%, not the roaming profile', async () => {
    Object.defineProperty(process, 'platform', { value: 'win32' });
    vi.stubEnv('LOCALAPPDATA', 'C:\\Users\\Lê Văn C\\AppData\\Local');
    vi.stubEnv('APPDATA', 'C:\\Users\\Lê Văn C\\AppData\\Roaming');
    vi.stubEnv('LUAT_STUDIO_LIBRARY', '');
    vi.resetModules();
    const { defaultLibraryDir } = await import('../../engine/store/library.js');
    const dir = defaultLibraryDir();
    expect(dir.startsWith('C:\\Users\\Lê Văn C\\AppData\\Local')).toBe(true);
    expect(dir).toContain('luat-studio');
    expect(dir).not.toContain('Roaming');
  });
});

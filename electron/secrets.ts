import { safeStorage } from 'electron';
import type { SecretBox } from './services/store/profiles';

/**
 * Profile passwords encrypted by the OS (Keychain on macOS, DPAPI on Windows, libsecret or KWallet on
 * Linux). On Linux without a keyring Electron falls back to a hard-coded key ('basic_text'), which is
 * no protection: we count that as unavailable, so the password is not stored at all.
 */
export const safeStorageBox: SecretBox = {
  available: () =>
    safeStorage.isEncryptionAvailable() &&
    (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
  encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
  decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
};

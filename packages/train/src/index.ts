export { initBackend, availableBackends, type BackendName, type BackendChoice, type BackendInfo } from './backend.js';

import { globalTeardown } from './postgres';

export default globalTeardown;

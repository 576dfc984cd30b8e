import { globalSetup } from './postgres';

export default globalSetup;

import './styles/tokens.css';
import './styles/global.css';
import './app-shell.js';

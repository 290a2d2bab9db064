import 'graphiql/style.css';
import './ide.css';
import { createRoot } from 'react-dom/client';
import { ideConfigElementId, type IdeConfig } from '../config.ts';
import { Ide } from './ide.tsx';

const root = document.getElementById('ide');
const config = document.getElementById(ideConfigElementId)?.textContent;
if (!root || !config) throw new Error('the IDE page lacks its root or its configuration');
createRoot(root).render(<Ide config={JSON.parse(config) as IdeConfig} />);

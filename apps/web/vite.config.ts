import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// During `vite` dev, API calls go to the Pond server; in production the server serves dist/ itself.
const SERVER = process.env.POND_SERVER_URL ?? 'http://localhost:3000'

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: { '/api': SERVER, '/docs': SERVER, '/openapi.json': SERVER, '/wecom': SERVER },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@emotion|dayjs|stylis|@babel[\\/]runtime)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
})

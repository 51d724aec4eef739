// npm run db:seed — loads demo data into DATABASE_URL when it has no users yet (npm start runs it on first start).
import { disconnectPrisma, prisma } from '@/server/db';
import { seedDemoData } from '@/server/demo/demo-data';

async function main() {
  const loaded = await seedDemoData(prisma);
  console.log(loaded ? '▶ demo data loaded' : '▶ database already has users; demo data not loaded');
  await disconnectPrisma();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// npm run db:seed — loads demo data into DATABASE_URL when it has no users yet (npm start runs it on first start).
import { disconnectPrisma, prisma } from '@/server/db';
import { seedDemoData } from '@/server/demo/demo-data';
import { seedSurveyDefaults } from '@/server/demo/survey-demo';
import { stopQueue } from '@/server/queue/boss';

async function main() {
  const loaded = await seedDemoData(prisma);
  console.log(loaded ? '▶ demo data loaded' : '▶ database already has users; demo data not loaded');
  // Every database gets the default satisfaction survey (SPEC §6) and the survey settings, once.
  if (await seedSurveyDefaults(prisma)) console.log('▶ default survey template loaded');
  // Demo complaints are registered through the services, which queue their customer mails with pg-boss: stop it so
  // the seed process ends (the mails wait in PostgreSQL for the server's worker).
  await stopQueue();
  await disconnectPrisma();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * The cold-start reference: the smallest useful Functions app, the v4 programming model with one HTTP
 * function. Importing the real entry module is compared with importing this.
 */
import { app } from '@azure/functions';

app.http('hello', {
  route: 'hello',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: async () => ({ status: 200, body: 'hello' }),
});

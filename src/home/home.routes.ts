import { Router } from 'express';

export function homeRoutes(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    res.render('home', { title: 'Casebook' });
  });
  return router;
}

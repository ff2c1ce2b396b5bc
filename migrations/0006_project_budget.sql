ALTER TABLE `projects` ADD `budget_usd` real;

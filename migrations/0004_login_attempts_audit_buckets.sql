CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt` text NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL,
	`failed_at` integer
);
--> statement-breakpoint
CREATE INDEX `login_attempts_key_at_idx` ON `login_attempts` (`key`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_attempt_idx` ON `login_attempts` (`attempt`);--> statement-breakpoint
DROP TABLE `login_failures`;--> statement-breakpoint
ALTER TABLE `audit` ADD `bucket` text;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_bucket_unique` ON `audit` (`bucket`);
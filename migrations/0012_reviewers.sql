CREATE TABLE `reviewers` (
	`id` text PRIMARY KEY NOT NULL,
	`link_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`link_id`) REFERENCES `review_links`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviewers_secret_hash_unique` ON `reviewers` (`secret_hash`);--> statement-breakpoint
CREATE INDEX `reviewers_link_idx` ON `reviewers` (`link_id`);
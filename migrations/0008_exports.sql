ALTER TABLE `jobs` ADD `kind` text DEFAULT 'render' NOT NULL;--> statement-breakpoint
ALTER TABLE `jobs` ADD `export_format` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `export_layout` integer;--> statement-breakpoint
ALTER TABLE `jobs` ADD `artifact_bytes` integer;--> statement-breakpoint
CREATE INDEX `jobs_episode_kind_idx` ON `jobs` (`episode_id`,`kind`,`created_at`);
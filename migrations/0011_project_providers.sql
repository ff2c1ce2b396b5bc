CREATE TABLE `project_providers` (
	`project_id` text NOT NULL,
	`slot` text NOT NULL,
	`kind` text NOT NULL,
	`base_url` text,
	`model` text,
	`key_sealed` text,
	`key_last4` text,
	`key_source` text,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`project_id`, `slot`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);

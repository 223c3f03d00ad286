import type { Metadata } from "next";
import Link from "next/link";
import { ImportPeople } from "@/components/import/import-people";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { consoleUser } from "@/lib/server/console-user";

export const metadata: Metadata = { title: "Import · People" };

export default async function ImportPage() {
  const user = await consoleUser();
  if (!user.canWrite) {
    return (
      <>
        <PageHeader title="Import people" />
        <EmptyState title="Your administrator role cannot change people">
          <p>Ask a full or user administrator to run the import. You can still export people from the People page.</p>
          <Link href="/people" className={buttonClass("secondary", "md", "mt-4")}>
            Back to People
          </Link>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Import people"
        description="Add and update people from a CSV file. You see what each row would do before anything is written."
        actions={
          <Link href="/people" className={buttonClass("ghost", "md")}>
            Back to People
          </Link>
        }
      />
      <ImportPeople />
    </>
  );
}

// Name pools from several cultures so lists, sorting and search look like a real global company.
export const FIRST_NAMES = [
  "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "Sarah", "Thomas",
  "Emma", "Oliver", "Charlotte", "Harry", "Amelia", "George", "Isla", "Noah", "Sophie", "Jack",
  "Lukas", "Anna", "Jonas", "Lea", "Felix", "Marie", "Maximilian", "Hannah", "Jürgen", "Katrin",
  "Aarav", "Priya", "Vivaan", "Ananya", "Arjun", "Diya", "Rohan", "Kavya", "Siddharth", "Meera",
  "Haruto", "Yui", "Sota", "Hina", "Ren", "Sakura", "Kenji", "Aiko", "Takumi", "Yuki",
  "Wei", "Li", "Jing", "Hao", "Mei", "Jun", "Xiu", "Chen", "Ying", "Lei",
  "Mateo", "Sofía", "Santiago", "Valentina", "Diego", "Camila", "Lucía", "Javier", "Isabel", "Carlos",
  "Olusegun", "Ngozi", "Chidi", "Amara", "Kwame", "Abena", "Tunde", "Zainab", "Kofi", "Adaeze",
  "Mohammed", "Fatima", "Omar", "Layla", "Yusuf", "Aisha", "Hassan", "Noor", "Karim", "Salma",
  "Björn", "Ingrid", "Lars", "Astrid", "Erik", "Sigrid", "Magnus", "Freja", "Nils", "Elin",
  "Jean", "Camille", "Louis", "Chloé", "Hugo", "Léa", "Théo", "Manon", "Élodie", "François",
  "Seo-yeon", "Min-jun", "Ji-woo", "Do-yoon", "Ha-eun", "Joon", "Aleksandr", "Olga", "Dmitri", "Natalia",
];

export const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Anderson",
  "Taylor", "Thomas", "Moore", "Martin", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker",
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer",
  "Patel", "Sharma", "Gupta", "Iyer", "Reddy", "Nair", "Singh", "Kumar", "Mehta", "Chatterjee",
  "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato",
  "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
  "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores",
  "Okafor", "Adeyemi", "Mensah", "Boateng", "Okonkwo", "Abubakar", "Nwosu", "Owusu", "Eze", "Bello",
  "Haddad", "Khalil", "Nasser", "Hussein", "Rahman", "Aziz", "Saleh", "Farouk", "Mansour", "Karimi",
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsen", "Hansen", "Nielsen", "Berg", "Lindqvist",
  "Dubois", "Moreau", "Laurent", "Lefebvre", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau",
  "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Ivanov", "Petrova", "Smirnov", "Volkova",
  "O'Brien", "Murphy", "Kelly", "Van der Berg", "De Vries", "Jansen", "Rossi", "Russo", "Ferrari", "Esposito",
];

export const DEPARTMENTS: { name: string; titles: string[]; weight: number }[] = [
  { name: "Engineering", weight: 28, titles: ["Software Engineer", "Senior Software Engineer", "Staff Engineer", "QA Engineer", "Site Reliability Engineer", "Engineering Manager"] },
  { name: "Sales", weight: 18, titles: ["Account Executive", "Sales Development Representative", "Regional Sales Manager", "Sales Engineer"] },
  { name: "Customer Success", weight: 12, titles: ["Customer Success Manager", "Support Engineer", "Technical Account Manager", "Support Team Lead"] },
  { name: "Marketing", weight: 8, titles: ["Product Marketing Manager", "Content Strategist", "Marketing Analyst", "Brand Designer"] },
  { name: "Finance", weight: 6, titles: ["Financial Analyst", "Accountant", "Controller", "Payroll Specialist"] },
  { name: "Human Resources", weight: 5, titles: ["HR Business Partner", "Recruiter", "People Operations Specialist"] },
  { name: "IT", weight: 7, titles: ["IT Administrator", "Systems Engineer", "Service Desk Analyst", "Network Engineer"] },
  { name: "Operations", weight: 8, titles: ["Operations Manager", "Logistics Coordinator", "Facilities Manager", "Procurement Specialist"] },
  { name: "Legal", weight: 3, titles: ["Corporate Counsel", "Paralegal", "Compliance Officer"] },
  { name: "Product", weight: 5, titles: ["Product Manager", "Senior Product Manager", "UX Designer", "UX Researcher"] },
];

export const STATUSES_ACTIVE = ["active", "active", "active", "inactive", "inactive", "meeting", "call", "DoNotDisturb", "OutOfOffice", "presenting", "unknown"] as const;
